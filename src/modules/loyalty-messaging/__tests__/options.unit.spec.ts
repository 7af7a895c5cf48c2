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

  describe("the sender, from env or options", () => {
    const saved = { from: process.env.REWARDFLOW_SMTP_FROM, name: process.env.REWARDFLOW_EMAIL_FROM_NAME }
    afterEach(() => {
      for (const [key, value] of [["REWARDFLOW_SMTP_FROM", saved.from], ["REWARDFLOW_EMAIL_FROM_NAME", saved.name]] as const) {
        if (value === undefined) delete process.env[key]
        else process.env[key] = value
      }
    })

    it("boots with a display name in REWARDFLOW_SMTP_FROM or option email.from", () => {
      process.env.REWARDFLOW_SMTP_FROM = "Support <support@shop.lu>"
      expect(() => messagingConfigFromOptions({})).not.toThrow()
      process.env.REWARDFLOW_SMTP_FROM = '"Shop, Inc." <a@b.lu>'
      process.env.REWARDFLOW_EMAIL_FROM_NAME = "Épicerie Müller"
      expect(() => messagingConfigFromOptions({})).not.toThrow()
      delete process.env.REWARDFLOW_SMTP_FROM
      expect(() => messagingConfigFromOptions({ email: { from: "Épicerie Müller <x@y.lu>", fromName: "Shop" } })).not.toThrow()
      expect(() => messagingConfigFromOptions({ email: { from: "<x@y.lu>" } })).not.toThrow()
    })

    it("stops the boot, naming the env var or option, for what is not one address", () => {
      process.env.REWARDFLOW_SMTP_FROM = "Support <not-an-address>"
      expect(() => messagingConfigFromOptions({})).toThrow(
        'env REWARDFLOW_SMTP_FROM must be an email address such as loyalty@shop.lu or Shop <loyalty@shop.lu>; "Support <not-an-address>" has "not-an-address" between "<" and ">", which is not an email address'
      )
      process.env.REWARDFLOW_SMTP_FROM = "a@b.lu, c@d.lu"
      expect(() => messagingConfigFromOptions({})).toThrow(/env REWARDFLOW_SMTP_FROM must be an email address .*holds more than one address/)
      delete process.env.REWARDFLOW_SMTP_FROM
      expect(() => messagingConfigFromOptions({ email: { from: "<>" } })).toThrow(
        /option email from_address must be an email address .*; "<>" has no address between "<" and ">"/
      )
    })
  })

  it("normalises editor emails and roles", () => {
    const config = messagingConfigFromOptions({ email: { templateEditors: { emails: [" Marie@Shop.lu "], roles: ["Marketing"] } } })
    expect(config.templateEditors).toEqual({ emails: ["marie@shop.lu"], roles: ["marketing"] })
  })
})
