import BigNumberJS from "bignumber.js"
import {
  allocateTransactionPrice,
  deferredRevenue,
  EXACT_DECIMAL_PLACES,
  outstandingPointsValue,
  recognizedRevenue,
  roundAllocation,
  roundMoney,
} from "../lib/liability"

// IFRS 15 IE267-IE270 (Example 52, customer loyalty programme).
const EXAMPLE = { sales: 100_000, points_issued: 10_000, value_per_point: 1, expected_redemption_rate: 0.97 }

describe("IFRS 15 allocation to loyalty points (B42, IE267-IE268)", () => {
  it("prices the points at value x expected redemption and allocates by relative stand-alone prices", () => {
    const allocation = allocateTransactionPrice(EXAMPLE)
    expect(allocation.points_ssp).toBe("9700")
    // 100,000 x 9,700 / 109,700, carried to 20 decimals (half up).
    expect(allocation.points).toBe("8842.29717411121239744758")
    expect(allocation.goods).toBe("91157.70282588878760255242")
    expect(new BigNumberJS(allocation.points).plus(allocation.goods).toFixed()).toBe("100000")
    expect(allocation.points.split(".")[1]).toHaveLength(EXACT_DECIMAL_PLACES)
    // The goods' share is 100,000 x 100,000 / 109,700 by the same rule.
    expect(roundMoney(allocation.goods, 10)).toBe(
      new BigNumberJS(100_000).times(100_000).div(109_700).toFixed(10, BigNumberJS.ROUND_HALF_UP)
    )
  })

  it("rounds the allocation to the currency without losing a cent of the sales", () => {
    expect(roundMoney(allocateTransactionPrice(EXAMPLE).points)).toBe("8842.30")
    expect(roundMoney(allocateTransactionPrice(EXAMPLE).points, 0)).toBe("8842")
    expect(roundAllocation(allocateTransactionPrice(EXAMPLE))).toEqual({
      points_ssp: "9700.00",
      points: "8842.30",
      goods: "91157.70",
    })
    expect(roundAllocation(allocateTransactionPrice(EXAMPLE), 0)).toEqual({
      points_ssp: "9700",
      points: "8842",
      goods: "91158",
    })
    const cents = roundAllocation(allocateTransactionPrice({ ...EXAMPLE, sales: "100000.01" }))
    expect(new BigNumberJS(cents.points).plus(cents.goods).toFixed(2)).toBe("100000.01")
  })

  it("accepts strings, bigints and bignumber.js values, and works in exact decimals", () => {
    expect(
      allocateTransactionPrice({
        sales: "100000",
        points_issued: BigInt(10_000),
        value_per_point: new BigNumberJS("1"),
        expected_redemption_rate: "0.97",
      })
    ).toEqual(allocateTransactionPrice(EXAMPLE))
    // 0.1 x 3 x 1 is 0.3 exactly (floats give 0.30000000000000004).
    const small = allocateTransactionPrice({
      sales: 0.3,
      points_issued: 3,
      value_per_point: 0.1,
      expected_redemption_rate: 1,
    })
    expect(small).toEqual({ points_ssp: "0.3", points: "0.15", goods: "0.15" })
  })

  it("is unchanged by another module's global BigNumber configuration", () => {
    const saved = BigNumberJS.config({})
    BigNumberJS.config({ DECIMAL_PLACES: 2, ROUNDING_MODE: BigNumberJS.ROUND_DOWN })
    try {
      expect(allocateTransactionPrice(EXAMPLE).points).toBe("8842.29717411121239744758")
    } finally {
      BigNumberJS.config(saved)
    }
  })

  it("gives the points nothing when none are issued, none are expected, or nothing is sold", () => {
    expect(allocateTransactionPrice({ ...EXAMPLE, points_issued: 0 })).toEqual({
      points_ssp: "0",
      points: "0",
      goods: "100000",
    })
    expect(allocateTransactionPrice({ ...EXAMPLE, expected_redemption_rate: 0 })).toEqual({
      points_ssp: "0",
      points: "0",
      goods: "100000",
    })
    expect(allocateTransactionPrice({ ...EXAMPLE, value_per_point: 0 }).points).toBe("0")
    expect(allocateTransactionPrice({ ...EXAMPLE, sales: 0 })).toEqual({ points_ssp: "9700", points: "0", goods: "0" })
    expect(
      allocateTransactionPrice({ sales: 0, points_issued: 0, value_per_point: 0, expected_redemption_rate: 0 })
    ).toEqual({ points_ssp: "0", points: "0", goods: "0" })
    expect(allocateTransactionPrice({ ...EXAMPLE, points_issued: -0 }).points).toBe("0")
  })

  it("gives the points half when their stand-alone price equals the sales, at a 100 % rate", () => {
    expect(
      allocateTransactionPrice({ sales: 50, points_issued: 50, value_per_point: 1, expected_redemption_rate: 1 })
    ).toEqual({ points_ssp: "50", points: "25", goods: "25" })
  })
})

describe("IFRS 15 revenue recognized as points are redeemed (B40, IE269-IE270)", () => {
  it("recognizes 4,175 in year 1: 4,500 of 9,700 expected points redeemed, 9,000 allocated", () => {
    const year1 = recognizedRevenue({ allocated: 9_000, redeemed_to_date: 4_500, expected_total_redeemed: 9_700 })
    expect(year1.cumulative).toBe("4175.25773195876288659794")
    expect(year1.recognized).toBe(year1.cumulative)
    expect(roundMoney(year1.recognized)).toBe("4175.26")
    expect(roundMoney(year1.recognized, 0)).toBe("4175")
    // The contract liability at the end of year 1: 9,000 - 4,175 = 4,825.
    expect(roundMoney(year1.deferred, 0)).toBe("4825")
    expect(new BigNumberJS(year1.recognized).plus(year1.deferred).toFixed()).toBe("9000")
  })

  it("recognizes 3,552 in year 2: 8,500 redeemed, 9,900 now expected, what was allocated unchanged", () => {
    const year1 = recognizedRevenue({ allocated: 9_000, redeemed_to_date: 4_500, expected_total_redeemed: 9_700 })
    const year2 = recognizedRevenue({
      allocated: 9_000,
      redeemed_to_date: 8_500,
      expected_total_redeemed: 9_900,
      recognized_before: year1.cumulative,
    })
    expect(year2.cumulative).toBe("7727.27272727272727272727")
    expect(roundMoney(year2.cumulative)).toBe("7727.27")
    expect(roundMoney(year2.recognized, 0)).toBe("3552")
    expect(roundMoney(year2.recognized)).toBe("3552.01")
    // The contract liability at the end of year 2: 9,000 - 7,727 = 1,273.
    expect(roundMoney(year2.deferred, 0)).toBe("1273")

    // As the standard works it, from the rounded year-1 figure: 7,727 - 4,175 = 3,552.
    const fromRounded = recognizedRevenue({
      allocated: 9_000,
      redeemed_to_date: 8_500,
      expected_total_redeemed: 9_900,
      recognized_before: 4_175,
    })
    expect(roundMoney(fromRounded.recognized, 0)).toBe("3552")
    expect(fromRounded.cumulative).toBe(year2.cumulative) // the cumulative never depends on the past
  })

  it("recognizes the exact allocation the same way (8,842.30 allocated)", () => {
    const allocated = allocateTransactionPrice(EXAMPLE).points
    const year1 = recognizedRevenue({ allocated, redeemed_to_date: 4_500, expected_total_redeemed: 9_700 })
    // 8,842.297... x 4,500 / 9,700 = 100,000 x 4,500 / 109,700.
    expect(roundMoney(year1.cumulative)).toBe("4102.10")
    const year2 = recognizedRevenue({
      allocated,
      redeemed_to_date: 8_500,
      expected_total_redeemed: 9_900,
      recognized_before: year1.cumulative,
    })
    expect(roundMoney(year2.cumulative)).toBe("7591.87")
    expect(roundMoney(year2.recognized)).toBe("3489.77")
  })

  it("never recognizes more than was allocated when more is redeemed than expected", () => {
    const over = recognizedRevenue({ allocated: 9_000, redeemed_to_date: 10_000, expected_total_redeemed: 9_700 })
    expect(over).toEqual({ cumulative: "9000", recognized: "9000", deferred: "0" })
    const afterYear1 = recognizedRevenue({
      allocated: 9_000,
      redeemed_to_date: 12_000,
      expected_total_redeemed: 9_900,
      recognized_before: "4175.26",
    })
    expect(afterYear1).toEqual({ cumulative: "9000", recognized: "4824.74", deferred: "0" })
    // Exactly as expected: everything, and nothing left.
    expect(recognizedRevenue({ allocated: 9_000, redeemed_to_date: 9_700, expected_total_redeemed: 9_700 })).toEqual({
      cumulative: "9000",
      recognized: "9000",
      deferred: "0",
    })
    // Once all is recognized, later periods recognize nothing.
    expect(
      recognizedRevenue({
        allocated: 9_000,
        redeemed_to_date: 11_000,
        expected_total_redeemed: 9_700,
        recognized_before: 9_000,
      }).recognized
    ).toBe("0")
  })

  it("reverses revenue (a negative catch-up) when the estimate rises faster than redemptions", () => {
    const later = recognizedRevenue({
      allocated: 9_000,
      redeemed_to_date: 4_500,
      expected_total_redeemed: 10_000,
      recognized_before: "4175.25773195876288659794",
    })
    expect(later.cumulative).toBe("4050")
    expect(later.recognized).toBe("-125.25773195876288659794")
    expect(later.deferred).toBe("4950")
  })

  it("recognizes nothing with nothing redeemed or nothing allocated", () => {
    expect(recognizedRevenue({ allocated: 9_000, redeemed_to_date: 0, expected_total_redeemed: 9_700 })).toEqual({
      cumulative: "0",
      recognized: "0",
      deferred: "9000",
    })
    expect(recognizedRevenue({ allocated: 0, redeemed_to_date: 4_500, expected_total_redeemed: 9_700 })).toEqual({
      cumulative: "0",
      recognized: "0",
      deferred: "0",
    })
    // Nothing new redeemed, same estimate: nothing more this period.
    const year1 = recognizedRevenue({ allocated: 9_000, redeemed_to_date: 4_500, expected_total_redeemed: 9_700 })
    expect(
      recognizedRevenue({
        allocated: 9_000,
        redeemed_to_date: 4_500,
        expected_total_redeemed: 9_700,
        recognized_before: year1.cumulative,
      }).recognized
    ).toBe("0")
  })
})

describe("deferred revenue and the outstanding points' value", () => {
  it("defers what was allocated and not yet recognized", () => {
    expect(deferredRevenue(9_000, 4_175)).toBe("4825")
    expect(deferredRevenue(9_000, "7727.27")).toBe("1272.73")
    expect(deferredRevenue("8842.29717411121239744758", 0)).toBe("8842.29717411121239744758")
    expect(deferredRevenue(9_000, 9_000)).toBe("0")
    expect(deferredRevenue(0, 0)).toBe("0")
  })

  it("values the outstanding points at the expected redemption rate", () => {
    expect(
      outstandingPointsValue({ points_outstanding: 10_000, value_per_point: 1, expected_redemption_rate: 0.97 })
    ).toBe("9700")
    // 5,500 left after year 1 in the example (10,000 - 4,500), at 1 x 97 %.
    expect(outstandingPointsValue({ points_outstanding: 5_500, value_per_point: 1, expected_redemption_rate: 0.97 })).toBe(
      "5335"
    )
    expect(
      outstandingPointsValue({ points_outstanding: 1_234, value_per_point: "0.01", expected_redemption_rate: "0.85" })
    ).toBe("10.489")
    expect(outstandingPointsValue({ points_outstanding: 0, value_per_point: 1, expected_redemption_rate: 0.97 })).toBe("0")
    expect(outstandingPointsValue({ points_outstanding: 10, value_per_point: 1, expected_redemption_rate: 0 })).toBe("0")
    expect(outstandingPointsValue({ points_outstanding: 10, value_per_point: 1, expected_redemption_rate: 1 })).toBe("10")
  })
})

describe("rounding to a currency", () => {
  it("rounds half up to the digits given (default 2) and always shows them", () => {
    expect(roundMoney("1.005")).toBe("1.01")
    expect(roundMoney(1.005)).toBe("1.01") // read as the decimal 1.005, not the float below it
    expect(roundMoney("2.5", 0)).toBe("3")
    expect(roundMoney("-2.5", 0)).toBe("-3")
    expect(roundMoney(7)).toBe("7.00")
    expect(roundMoney("1.2345", 3)).toBe("1.235")
    expect(roundMoney(0)).toBe("0.00")
  })

  it("refuses digits that no currency has and amounts that are not numbers", () => {
    expect(() => roundMoney(1, -1)).toThrow(/digits/)
    expect(() => roundMoney(1, 1.5)).toThrow(/digits/)
    expect(() => roundMoney(1, 21)).toThrow(/digits/)
    expect(() => roundMoney("abc")).toThrow(/amount must be a finite number/)
    expect(() => roundMoney(Infinity)).toThrow(/amount/)
  })
})

describe("input errors name the field", () => {
  const bad: [string, unknown][] = [
    ["-1", -1],
    ["NaN", NaN],
    ["Infinity", Infinity],
    ["-Infinity", -Infinity],
    ["a word", "ten"],
    ["an empty string", ""],
  ]

  it.each(["sales", "points_issued", "value_per_point", "expected_redemption_rate"] as const)(
    "allocateTransactionPrice: %s",
    (field) => {
      for (const [, value] of bad) {
        expect(() => allocateTransactionPrice({ ...EXAMPLE, [field]: value as number })).toThrow(
          new RegExp(`^${field} must`)
        )
      }
    }
  )

  it("allocateTransactionPrice: a rate above 1", () => {
    expect(() => allocateTransactionPrice({ ...EXAMPLE, expected_redemption_rate: 97 })).toThrow(
      "expected_redemption_rate must be between 0 and 1 (got 97)"
    )
    expect(() => allocateTransactionPrice({ ...EXAMPLE, expected_redemption_rate: "1.0001" })).toThrow(
      /^expected_redemption_rate must be between 0 and 1/
    )
    expect(() => allocateTransactionPrice({ ...EXAMPLE, sales: -0.01 })).toThrow("sales must not be negative (got -0.01)")
  })

  const YEAR1 = { allocated: 9_000, redeemed_to_date: 4_500, expected_total_redeemed: 9_700, recognized_before: 0 }

  it.each(["allocated", "redeemed_to_date", "expected_total_redeemed", "recognized_before"] as const)(
    "recognizedRevenue: %s",
    (field) => {
      for (const [, value] of bad) {
        expect(() => recognizedRevenue({ ...YEAR1, [field]: value as number })).toThrow(new RegExp(`^${field} must`))
      }
    }
  )

  it("recognizedRevenue: nothing expected to be redeemed, or more recognized than allocated", () => {
    expect(() => recognizedRevenue({ ...YEAR1, expected_total_redeemed: 0 })).toThrow(
      /^expected_total_redeemed must be more than 0/
    )
    expect(() => recognizedRevenue({ ...YEAR1, allocated: 0, redeemed_to_date: 0, expected_total_redeemed: "0" })).toThrow(
      /^expected_total_redeemed/
    )
    expect(() => recognizedRevenue({ ...YEAR1, recognized_before: 9_000.01 })).toThrow(
      /^recognized_before must not exceed allocated/
    )
  })

  it("deferredRevenue: each argument, and more recognized than allocated", () => {
    for (const [, value] of bad) {
      expect(() => deferredRevenue(value as number, 0)).toThrow(/^allocated must/)
      expect(() => deferredRevenue(9_000, value as number)).toThrow(/^recognized_cumulative must/)
    }
    expect(() => deferredRevenue(9_000, 9_001)).toThrow(/^recognized_cumulative must not exceed allocated/)
  })

  it.each(["points_outstanding", "value_per_point", "expected_redemption_rate"] as const)(
    "outstandingPointsValue: %s",
    (field) => {
      const input = { points_outstanding: 10, value_per_point: 1, expected_redemption_rate: 0.97 }
      for (const [, value] of bad) {
        expect(() => outstandingPointsValue({ ...input, [field]: value as number })).toThrow(new RegExp(`^${field} must`))
      }
    }
  )

  it("outstandingPointsValue: a rate above 1", () => {
    expect(() =>
      outstandingPointsValue({ points_outstanding: 10, value_per_point: 1, expected_redemption_rate: 1.5 })
    ).toThrow(/^expected_redemption_rate must be between 0 and 1/)
  })
})
