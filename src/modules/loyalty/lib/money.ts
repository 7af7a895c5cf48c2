import { MathBN } from "@medusajs/framework/utils"
import type { BigNumberInput } from "@medusajs/framework/types"
import BigNumberJS from "bignumber.js"

/**
 * Money in a currency's precision: amounts are major units (Medusa v2), worked with
 * bignumber.js and rounded to the currency's `decimal_digits` (EUR 2, JPY 0, KWD 3), never
 * with floats. `digits` is what Medusa's currency module says (see loadCurrencyDigits).
 */

/** What a currency Medusa does not know (or a caller that does not say) is taken to have. */
export const DEFAULT_CURRENCY_DIGITS = 2

/** A usable number of digits: a whole number from 0 to 8, else the default. */
export const currencyDigits = (digits?: number | null): number =>
  Number.isInteger(digits) && digits! >= 0 && digits! <= 8 ? digits! : DEFAULT_CURRENCY_DIGITS

/** Any Medusa amount (number, string, BigNumber, raw `{ value }`) as bignumber.js; null is 0. */
export const toMoney = (amount: BigNumberInput | null | undefined): BigNumberJS => MathBN.convert(amount ?? 0)

/** Rounded to the currency, half up: 123.4 JPY -> 123, 123.5 JPY -> 124. */
export const roundToCurrency = (amount: BigNumberInput, digits: number): BigNumberJS =>
  toMoney(amount).decimalPlaces(currencyDigits(digits), BigNumberJS.ROUND_HALF_UP)

/** Rounded down to the currency: for a limit that must never be exceeded (1.2349 KWD -> 1.234). */
export const floorToCurrency = (amount: BigNumberInput, digits: number): BigNumberJS =>
  toMoney(amount).decimalPlaces(currencyDigits(digits), BigNumberJS.ROUND_FLOOR)

/** The smallest amount of the currency: 0.01 EUR, 1 JPY, 0.001 KWD. */
export const smallestUnit = (digits: number): BigNumberJS => new BigNumberJS(1).shiftedBy(-currencyDigits(digits))

/**
 * Half the smallest unit: Medusa keeps adjustments unrounded (a fixed amount spread across
 * lines, a percentage of a line), so two amounts that round to the same one are equal.
 */
export const moneyTolerance = (digits: number): BigNumberJS => smallestUnit(digits).div(2)

/** Whether `given` is more than `limit` once both are read in the currency's precision. */
export const exceedsLimit = (given: BigNumberInput, limit: BigNumberInput, digits: number): boolean =>
  toMoney(given).gt(toMoney(limit).plus(moneyTolerance(digits)))

/** Whether the amount has no more decimals than the currency allows (500.5 JPY has one too many). */
export const fitsCurrency = (amount: BigNumberInput, digits: number): boolean =>
  (toMoney(amount).decimalPlaces() ?? 0) <= currencyDigits(digits)

/** `percentage` % of the amount, unrounded (the exact share a percentage gives). */
export const percentOf = (amount: BigNumberInput, percentage: BigNumberInput): BigNumberJS =>
  toMoney(amount).times(toMoney(percentage)).div(100)

/** The most a share (0.5 = half) of the amount may be, rounded down to the currency. */
export const shareLimit = (amount: BigNumberInput, share: BigNumberInput, digits: number): BigNumberJS =>
  floorToCurrency(toMoney(amount).times(toMoney(share)), digits)

/**
 * What `points` pay at `valuePerPoint` (which may be finer than the currency: 0.001 EUR),
 * rounded down to the currency so points never pay more than they are worth.
 */
export const pointsAsMoney = (points: number, valuePerPoint: BigNumberInput, digits: number): BigNumberJS =>
  floorToCurrency(toMoney(valuePerPoint).times(points), digits)

/** The most points whose value (as pointsAsMoney rounds it) stays within `limit`. */
export function maxPointsWithin(limit: BigNumberInput, valuePerPoint: BigNumberInput, digits: number): number {
  const value = toMoney(valuePerPoint)
  if (!value.gt(0)) return 0
  // points x value < limit + one unit  <=>  rounded down, it is at most the limit.
  const bound = toMoney(limit).plus(smallestUnit(digits)).div(value)
  return BigNumberJS.max(bound.integerValue(BigNumberJS.ROUND_CEIL).minus(1), 0).toNumber()
}

/** The fewest points worth one unit of the currency (below it they pay nothing). */
export const minPointsForUnit = (valuePerPoint: BigNumberInput, digits: number): number =>
  smallestUnit(digits).div(toMoney(valuePerPoint)).integerValue(BigNumberJS.ROUND_CEIL).toNumber()

/** An amount with the currency's digits, rounded half up: "5.00", "500", "1.250". */
export const formatAmount = (amount: BigNumberInput, digits: number): string =>
  toMoney(amount).toFixed(currencyDigits(digits), BigNumberJS.ROUND_HALF_UP)

/** An amount for messages, with the currency's digits: "5.00 EUR", "500 JPY", "1.250 KWD". */
export const formatMoney = (amount: BigNumberInput, currency: string, digits: number): string =>
  `${formatAmount(amount, digits)} ${currency.toUpperCase()}`

/** A share as a percentage for messages: 0.5 -> "50", 0.125 -> "12.5". */
export const formatShare = (share: BigNumberInput): string => toMoney(share).times(100).decimalPlaces(2).toString()
