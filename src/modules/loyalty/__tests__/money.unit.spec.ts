import { BigNumber } from "@medusajs/framework/utils"
import {
  currencyDigits,
  exceedsLimit,
  fitsCurrency,
  floorToCurrency,
  formatMoney,
  formatShare,
  maxPointsWithin,
  minPointsForUnit,
  moneyTolerance,
  percentOf,
  pointsAsMoney,
  roundToCurrency,
  shareLimit,
  smallestUnit,
} from "../lib/money"

const EUR = 2
const JPY = 0
const KWD = 3

describe("money in the currency's precision", () => {
  it("rounds half up to the currency, or down where a limit must hold", () => {
    // Float code gives 123.4 JPY and 1.23 KWD here (it always rounded to cents).
    expect(roundToCurrency(percentOf(1234, 10), JPY).toNumber()).toBe(123)
    expect(roundToCurrency(percentOf(1235, 10), JPY).toNumber()).toBe(124)
    expect(roundToCurrency("1.2345", KWD).toString()).toBe("1.235")
    expect(floorToCurrency("1.2349", KWD).toString()).toBe("1.234")
    expect(roundToCurrency(1.005, EUR).toString()).toBe("1.01")
    // 35.855 is 35.85499... as a float: the old Math.round((n + EPSILON) * 100) / 100 gave 35.85.
    expect(roundToCurrency(35.855, EUR).toString()).toBe("35.86")
  })

  it("knows the smallest unit and compares to half of it, as Medusa keeps adjustments unrounded", () => {
    expect([smallestUnit(EUR), smallestUnit(JPY), smallestUnit(KWD)].map(String)).toEqual(["0.01", "1", "0.001"])
    expect([moneyTolerance(EUR), moneyTolerance(JPY), moneyTolerance(KWD)].map(String)).toEqual(["0.005", "0.5", "0.0005"])
    expect(exceedsLimit("123.4", "123.4", JPY)).toBe(false)
    expect(exceedsLimit(124, "123.4", JPY)).toBe(true)
    expect(exceedsLimit("4.999", 5, EUR)).toBe(false)
    expect(exceedsLimit("2.01", 2, EUR)).toBe(true)
    // A fils over is refused in KWD, where a cent-based tolerance (0.005) let 4 fils through.
    expect(exceedsLimit("1.2344", "1.234", KWD)).toBe(false)
    expect(exceedsLimit("1.238", "1.234", KWD)).toBe(true)
  })

  it("accepts Medusa's BigNumber, its raw value, strings and numbers", () => {
    expect(roundToCurrency(new BigNumber("1234.4"), JPY).toNumber()).toBe(1234)
    expect(roundToCurrency({ value: "1.2345", precision: 20 }, KWD).toString()).toBe("1.235")
    expect(roundToCurrency(new BigNumber(7).raw!, EUR).toNumber()).toBe(7)
  })

  it("tells an amount finer than its currency", () => {
    expect(fitsCurrency(500, JPY)).toBe(true)
    expect(fitsCurrency(500.5, JPY)).toBe(false)
    expect(fitsCurrency("1.234", KWD)).toBe(true)
    expect(fitsCurrency(1.2345, KWD)).toBe(false)
    expect(fitsCurrency(4.99, EUR)).toBe(true)
    expect(fitsCurrency(4.999, EUR)).toBe(false)
  })

  it("limits a share of an amount, rounded down to the currency", () => {
    expect(shareLimit(49.99, 0.5, EUR).toNumber()).toBe(24.99)
    expect(shareLimit(1235, 0.5, JPY).toNumber()).toBe(617)
    expect(shareLimit("2.469", 0.5, KWD).toString()).toBe("1.234")
  })

  it("values points to the currency, rounded down, with a value per point finer than it", () => {
    // 1,234 points at 1 fils: exact to the fils (float code rounded to 1.23).
    expect(pointsAsMoney(1234, 0.001, KWD).toString()).toBe("1.234")
    // 0.001 EUR per point: 1,235 points pay 1.23 EUR, never 1.24 (more than they are worth).
    expect(pointsAsMoney(1235, 0.001, EUR).toString()).toBe("1.23")
    expect(pointsAsMoney(3, 0.5, JPY).toNumber()).toBe(1)
    expect(pointsAsMoney(2499, 0.01, EUR).toNumber()).toBe(24.99)
  })

  it("finds the most points within a limit and the fewest worth one unit", () => {
    expect(maxPointsWithin(24.99, 0.01, EUR)).toBe(2499)
    // 3,336 x 0.003 = 10.008, paid as 10.00; one more point would pay 10.01.
    expect(maxPointsWithin(10, 0.003, EUR)).toBe(3336)
    expect(pointsAsMoney(3336, 0.003, EUR).toNumber()).toBe(10)
    expect(pointsAsMoney(3337, 0.003, EUR).toNumber()).toBe(10.01)
    expect(maxPointsWithin(617, 0.5, JPY)).toBe(1235)
    expect(maxPointsWithin("1.234", 0.001, KWD)).toBe(1234)
    expect(minPointsForUnit(0.5, JPY)).toBe(2)
    expect(minPointsForUnit(0.001, EUR)).toBe(10)
  })

  it("formats amounts with the currency's digits", () => {
    expect(formatMoney(5, "eur", EUR)).toBe("5.00 EUR")
    expect(formatMoney(500, "jpy", JPY)).toBe("500 JPY")
    expect(formatMoney("123.4", "jpy", JPY)).toBe("123 JPY")
    expect(formatMoney(1.25, "kwd", KWD)).toBe("1.250 KWD")
    expect(formatShare(0.5)).toBe("50")
    expect(formatShare(0.125)).toBe("12.5")
  })

  it("takes 2 digits when the currency's are unknown or not a digit count", () => {
    expect([currencyDigits(undefined), currencyDigits(null), currencyDigits(-1), currencyDigits(2.5), currencyDigits(0), currencyDigits(3)]).toEqual([2, 2, 2, 2, 0, 3])
    expect(formatMoney(5, "xts", currencyDigits(undefined))).toBe("5.00 XTS")
  })
})
