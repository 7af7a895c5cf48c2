import BigNumberJS from "bignumber.js"

/**
 * The arithmetic of a customer loyalty programme under IFRS 15 / ASC 606: points give the
 * customer a material right (IFRS 15 B39-B43), so part of the transaction price is allocated
 * to them and deferred until they are redeemed (or lapse). The standard's own worked example
 * (IFRS 15 IE267-IE270) is the test of every function here.
 *
 * Pure and dependency-free but for bignumber.js: amounts come in as numbers, decimal strings,
 * bigints or bignumber.js values and go out as exact decimal strings (never floats). A quotient
 * that does not terminate (100,000 x 9,700 / 109,700) is carried to EXACT_DECIMAL_PLACES places,
 * half up; round it to the currency with `roundMoney` only where an amount is shown or booked.
 */

/** Decimal places a non-terminating quotient is carried to before it is returned. */
export const EXACT_DECIMAL_PLACES = 20

/** Digits of a currency when none are given (EUR, USD: 2; pass 0 for JPY, 3 for KWD). */
export const DEFAULT_MONEY_DIGITS = 2

// A private clone, so that another module's BigNumberJS.config() cannot change the results.
const Dec = BigNumberJS.clone({
  DECIMAL_PLACES: EXACT_DECIMAL_PLACES,
  ROUNDING_MODE: BigNumberJS.ROUND_HALF_UP,
  EXPONENTIAL_AT: 1e9,
})
type Dec = BigNumberJS

/** An amount, a number of points or a rate, as a caller may hold it. */
export type DecimalInput = number | string | bigint | BigNumberJS

const exact = (value: Dec): string => value.toFixed()

function read(field: string, value: DecimalInput): Dec {
  let parsed: Dec
  try {
    parsed = new Dec(typeof value === "bigint" ? value.toString() : (value as BigNumberJS.Value))
  } catch {
    parsed = new Dec(NaN)
  }
  if (!parsed.isFinite()) {
    throw new Error(`${field} must be a finite number (got ${String(value)})`)
  }
  return parsed
}

/** A finite number of at least 0, else an Error naming the field. */
function nonNegative(field: string, value: DecimalInput): Dec {
  const parsed = read(field, value)
  if (parsed.isNegative() && !parsed.isZero()) {
    throw new Error(`${field} must not be negative (got ${String(value)})`)
  }
  return parsed.abs() // -0 as 0
}

/** A share from 0 to 1 inclusive (0.97 = 97 %), else an Error naming the field. */
function rate(field: string, value: DecimalInput): Dec {
  const parsed = nonNegative(field, value)
  if (parsed.gt(1)) {
    throw new Error(`${field} must be between 0 and 1 (got ${String(value)})`)
  }
  return parsed
}

/**
 * An exact amount rounded half up to a currency's digits (default 2), as a string with exactly
 * that many decimals: "8842.29717..." -> "8842.30" (2), "4175.2577..." -> "4175" (0).
 */
export function roundMoney(amount: DecimalInput, digits: number = DEFAULT_MONEY_DIGITS): string {
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) {
    throw new Error(`digits must be a whole number from 0 to 20 (got ${String(digits)})`)
  }
  return read("amount", amount).toFixed(digits, BigNumberJS.ROUND_HALF_UP)
}

export type AllocationInput = {
  /** The consideration for the sales that earned the points (the transaction price). */
  sales: DecimalInput
  /** Points issued on those sales. */
  points_issued: DecimalInput
  /** What one point is worth when redeemed (1 in the standard's example). */
  value_per_point: DecimalInput
  /** Share of the points expected to be redeemed, 0 to 1 (0.97 in the example). */
  expected_redemption_rate: DecimalInput
}

export type Allocation = {
  /** Stand-alone selling price of the points: points x value x expected redemption rate. */
  points_ssp: string
  /** Transaction price allocated to the points (deferred until redeemed). */
  points: string
  /** Transaction price allocated to the goods (sales - points, so the two sum to sales). */
  goods: string
}

/**
 * IFRS 15 B42 (with paragraphs 73-80, 74 in particular): the transaction price is allocated between the goods and
 * the material right (B40) by relative stand-alone selling prices. The points' stand-alone
 * selling price is their value adjusted for the likelihood of redemption (B42, IE268):
 * points_issued x value_per_point x expected_redemption_rate. The points get
 * sales x points_ssp / (sales + points_ssp) (the goods' stand-alone price being the sales);
 * the goods get the rest.
 *
 * IE267-IE268: sales 100,000, 10,000 points worth 1, 97 % expected -> points_ssp 9,700,
 * points 100,000 x 9,700 / 109,700 = 8,842.297... (the standard rounds it to 9,000 to illustrate).
 */
export function allocateTransactionPrice(input: AllocationInput): Allocation {
  const sales = nonNegative("sales", input.sales)
  const points = nonNegative("points_issued", input.points_issued)
  const value = nonNegative("value_per_point", input.value_per_point)
  const expected = rate("expected_redemption_rate", input.expected_redemption_rate)

  const pointsSsp = standAlonePrice(points, value, expected)
  const total = sales.plus(pointsSsp)
  const toPoints = total.isZero() ? new Dec(0) : sales.times(pointsSsp).div(total)
  return { points_ssp: exact(pointsSsp), points: exact(toPoints), goods: exact(sales.minus(toPoints)) }
}

/**
 * An allocation in a currency's digits (default 2): the points' share rounded half up and the
 * goods getting what is left of the rounded sales, so the two still sum to the sales.
 */
export function roundAllocation(allocation: Allocation, digits: number = DEFAULT_MONEY_DIGITS): Allocation {
  const sales = new Dec(allocation.points).plus(allocation.goods)
  const points = roundMoney(allocation.points, digits)
  const goods = new Dec(roundMoney(exact(sales), digits)).minus(points).toFixed(digits)
  return { points_ssp: roundMoney(allocation.points_ssp, digits), points, goods }
}

export type RecognitionInput = {
  /** Transaction price allocated to the points (fixed when allocated: see below). */
  allocated: DecimalInput
  /** Points redeemed from the start to the end of the period (cumulative). */
  redeemed_to_date: DecimalInput
  /** Points now expected to be redeemed in all (the latest estimate). */
  expected_total_redeemed: DecimalInput
  /** Revenue recognized on these points in earlier periods (cumulative; 0 in the first). */
  recognized_before?: DecimalInput
}

export type Recognition = {
  /** Revenue recognized from the start to the end of this period. */
  cumulative: string
  /** Revenue recognized in this period: cumulative - recognized_before. */
  recognized: string
  /** What is still deferred at the end of the period: allocated - cumulative. */
  deferred: string
}

/**
 * IFRS 15 B40, as IE269-IE270 apply it: revenue for the material right is recognized when the
 * points are redeemed (the future goods transferred) or lapse, in proportion to the points
 * expected to be redeemed: cumulatively allocated x redeemed_to_date /
 * expected_total_redeemed, never more than allocated; the period's revenue is that cumulative
 * amount less what was recognized before. A new estimate of the points to be redeemed changes
 * what is recognized from then on (a cumulative catch-up, IE270), never what was allocated;
 * if an estimate rises enough, the period's figure is negative (revenue reversed).
 *
 * IE269-IE270, with 9,000 allocated: 4,500 of 9,700 expected redeemed by the end of year 1 ->
 * 4,175.26 (the standard: 4,175); 8,500 redeemed by the end of year 2 with 9,900 now expected ->
 * cumulative 7,727.27, so 3,552 in year 2 (7,727 - 4,175).
 */
export function recognizedRevenue(input: RecognitionInput): Recognition {
  const allocated = nonNegative("allocated", input.allocated)
  const redeemed = nonNegative("redeemed_to_date", input.redeemed_to_date)
  const expected = nonNegative("expected_total_redeemed", input.expected_total_redeemed)
  const before = nonNegative("recognized_before", input.recognized_before ?? 0)
  if (expected.isZero()) {
    throw new Error("expected_total_redeemed must be more than 0 (revenue is recognized in proportion to it)")
  }
  if (before.gt(allocated)) {
    throw new Error(
      `recognized_before must not exceed allocated ` +
        `(got ${String(input.recognized_before)} of ${String(input.allocated)})`
    )
  }
  // Redeemed beyond the estimate: everything allocated is recognized, and no more (the points
  // can never earn more than was allocated to them; the estimate is then due for revision).
  const proportional = allocated.times(redeemed).div(expected)
  const cumulative = Dec.min(proportional, allocated)
  return {
    cumulative: exact(cumulative),
    recognized: exact(cumulative.minus(before)),
    deferred: exact(allocated.minus(cumulative)),
  }
}

/**
 * IFRS 15 B40 and paragraph 106 (contract liability): the part of the allocated price not yet
 * recognized, allocated - recognized_cumulative. IE269: 9,000 - 4,175 = 4,825 at the end of year 1.
 */
export function deferredRevenue(allocated: DecimalInput, recognized_cumulative: DecimalInput): string {
  const total = nonNegative("allocated", allocated)
  const recognized = nonNegative("recognized_cumulative", recognized_cumulative)
  if (recognized.gt(total)) {
    throw new Error(
      `recognized_cumulative must not exceed allocated (got ${String(recognized_cumulative)} of ${String(allocated)})`
    )
  }
  return exact(total.minus(recognized))
}

export type OutstandingInput = {
  /** Points earned and neither redeemed, reversed nor expired. */
  points_outstanding: DecimalInput
  /** What one point is worth when redeemed. */
  value_per_point: DecimalInput
  /** Share of them expected to be redeemed, 0 to 1. */
  expected_redemption_rate: DecimalInput
}

/**
 * The outstanding points' value at the expected redemption rate, measured as B42 measures a
 * material right's stand-alone selling price (IE268): points x value x rate. This is what the
 * points would be worth if issued today, not the deferred revenue (which is what was allocated
 * to them, see recognizedRevenue). IE268: 10,000 x 1 x 97 % = 9,700.
 */
export function outstandingPointsValue(input: OutstandingInput): string {
  const points = nonNegative("points_outstanding", input.points_outstanding)
  const value = nonNegative("value_per_point", input.value_per_point)
  const expected = rate("expected_redemption_rate", input.expected_redemption_rate)
  return exact(standAlonePrice(points, value, expected))
}

/** B42, IE268: points x value per point x expected redemption rate (inputs already checked). */
function standAlonePrice(points: Dec, value: Dec, expectedRate: Dec): Dec {
  return points.times(value).times(expectedRate)
}
