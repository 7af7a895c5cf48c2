import { messagingConfigFromOptions } from "../options"

describe("email options validated at boot", () => {
  it("applies defaults", () => {
    expect(messagingConfigFromOptions({})).toEqual({
      expiringWithinDays: 14,
      maxAttempts: 8,
      retryBaseDelaySeconds: 60,
      leaseSeconds: 120,
      shopUrl: "",
      walletUrl: "",
      timeZone: "UTC",
      templateEditors: { emails: [], roles: [] },
      sendgridSmtpHost: "smtp.sendgrid.net",
    })
  })

  it("names the bad option", () => {
    expect(() => messagingConfigFromOptions({ email: { maxAttempts: 0 } })).toThrow(
      "medusa-plugin-rewardflow: option email.maxAttempts must be a whole number from 1 to 50, got 0"
    )
    expect(() => messagingConfigFromOptions({ email: { port: 99999 } })).toThrow(/option email port must be an integer from 1 to 65535/)
    expect(() => messagingConfigFromOptions({ email: { provider: "fax" as any } })).toThrow(/option email provider must be one of smtp, sendgrid, log/)
    expect(() => messagingConfigFromOptions({ email: { from: "nobody" } })).toThrow(/option email from_address must be an email address/)
    expect(() => messagingConfigFromOptions({ email: { smtpHost: "x" } as any })).toThrow(/option email.smtpHost is unknown/)
    expect(() => messagingConfigFromOptions({ email: { templateEditors: { emails: [""] } } })).toThrow(/templateEditors.emails must be a list/)
    expect(() => messagingConfigFromOptions({ email: { timeZone: "Europe/Lux" } })).toThrow(
      'medusa-plugin-rewardflow: option email.timeZone must be an IANA time zone such as "Europe/Luxembourg", got "Europe/Lux"'
    )
    expect(messagingConfigFromOptions({ email: { timeZone: "Europe/Luxembourg" } }).timeZone).toBe("Europe/Luxembourg")
  })

  it("normalises editor emails and roles", () => {
    const config = messagingConfigFromOptions({ email: { templateEditors: { emails: [" Marie@Shop.lu "], roles: ["Marketing"] } } })
    expect(config.templateEditors).toEqual({ emails: ["marie@shop.lu"], roles: ["marketing"] })
  })
})
