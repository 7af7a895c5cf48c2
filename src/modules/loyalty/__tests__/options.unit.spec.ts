import { assertKnownOptions, defaultProgramFromOptions, redemptionSettingsFromOptions, tillLimitsFromOptions } from "../options"

describe("plugin options", () => {
  it("applies documented defaults when nothing is given", () => {
    expect(defaultProgramFromOptions(undefined)).toEqual({
      name: "Rewards",
      earn_rates: { eur: { points: 1, amount: 1 } },
      rounding: "floor",
      count_shipping: false,
      count_taxes: false,
      welcome_bonus_points: 0,
      points_validity_months: null,
      auto_enroll: true,
      default_locale: "en",
    })
  })

  it("maps given values and lower-cases currency codes", () => {
    const program = defaultProgramFromOptions({
      defaultProgram: {
        name: " Club ",
        earnRates: { EUR: { points: 2, amount: 1 }, chf: { points: 1, amount: 2 } },
        rounding: "nearest",
        welcomeBonusPoints: 100,
        pointsValidityMonths: 24,
        autoEnroll: false,
        defaultLocale: "lb",
      },
    })
    expect(program).toMatchObject({
      name: "Club",
      earn_rates: { eur: { points: 2, amount: 1 }, chf: { points: 1, amount: 2 } },
      rounding: "nearest",
      welcome_bonus_points: 100,
      points_validity_months: 24,
      auto_enroll: false,
      default_locale: "lb",
    })
  })

  it.each([
    [{ rounding: "up" }, /defaultProgram\.rounding must be "floor" or "nearest"/],
    [{ earnRates: { euro: { points: 1, amount: 1 } } }, /defaultProgram\.earnRates\.euro/],
    [{ earnRates: { eur: { points: 0, amount: 1 } } }, /defaultProgram\.earnRates\.eur must be/],
    [{ welcomeBonusPoints: -1 }, /defaultProgram\.welcomeBonusPoints/],
    [{ welcomeBonusPoints: 1.5 }, /defaultProgram\.welcomeBonusPoints/],
    [{ pointsValidityMonths: 0 }, /defaultProgram\.pointsValidityMonths/],
    [{ defaultLocale: "es" }, /defaultProgram\.defaultLocale must be one of en, fr, de, lb/],
    [{ autoEnroll: "yes" }, /defaultProgram\.autoEnroll must be true or false/],
    [{ welcomeBonus: 10 }, /defaultProgram\.welcomeBonus is unknown/],
  ])("refuses %j with a message naming the option", (defaultProgram, message) => {
    expect(() => defaultProgramFromOptions({ defaultProgram } as any)).toThrow(message)
  })

  it("refuses an unknown top-level option, naming the known ones", () => {
    expect(() => assertKnownOptions({ defaultprogram: {} } as any)).toThrow(
      "medusa-plugin-rewardflow: option defaultprogram is unknown (known: encryptionKey, defaultProgram, redemption, email, googleWallet, terminal, storefrontUrl)"
    )
    // Medusa adds `database` to every module's options.
    expect(() => assertKnownOptions({ encryptionKey: "x", email: {}, googleWallet: {}, redemption: {}, defaultProgram: {}, terminal: {}, database: {} } as any)).not.toThrow()
  })

  it("checks the redemption options", () => {
    expect(redemptionSettingsFromOptions(undefined)).toEqual({ release_after_hours: 24 })
    expect(redemptionSettingsFromOptions({ redemption: { releaseAfterHours: 2 } })).toEqual({ release_after_hours: 2 })
    expect(() => redemptionSettingsFromOptions({ redemption: { releaseAfterHours: 0 } })).toThrow(/redemption.releaseAfterHours must be a number of hours > 0/)
    expect(() => redemptionSettingsFromOptions({ redemption: { releaseAfter: 3 } } as any)).toThrow(/redemption.releaseAfter is unknown/)
  })

  it("the till's caps under terminal: defaults, whole numbers only, naming the option", () => {
    expect(tillLimitsFromOptions(undefined)).toEqual({ max_points_per_receipt: 5000, max_points_per_device_hour: 20000, manager_approval_above: 1000 })
    expect(tillLimitsFromOptions({ terminal: { maxPointsPerReceipt: 300, lockMinutes: 5 } } as any)).toMatchObject({ max_points_per_receipt: 300 })
    expect(() => tillLimitsFromOptions({ terminal: { managerApprovalAbove: 0 } } as any)).toThrow(/terminal\.managerApprovalAbove must be a whole number of points/)
    expect(() => tillLimitsFromOptions({ terminal: { maxPointsPerDeviceHour: 1.5 } } as any)).toThrow(/terminal\.maxPointsPerDeviceHour/)
  })
})
