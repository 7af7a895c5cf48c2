import { resolveSettings } from "../../../lib/layered-settings"
import { formatMailbox, parseMailbox } from "../lib/mailbox"
import { describeDelivery } from "../lib/transports"
import { describeSender, EMAIL_SETTINGS_SPEC, senderMailbox } from "../settings-spec"

describe("parseMailbox: one sender, with or without a display name", () => {
  it.each([
    ["loyalty@shop.lu", { address: "loyalty@shop.lu", name: null }],
    ["Support <support@shop.lu>", { address: "support@shop.lu", name: "Support" }],
    ['"Shop, Inc." <a@b.lu>', { address: "a@b.lu", name: "Shop, Inc." }],
    ['"Say \\"hi\\"" <a@b.lu>', { address: "a@b.lu", name: 'Say "hi"' }],
    ["Épicerie Müller <x@y.lu>", { address: "x@y.lu", name: "Épicerie Müller" }],
    ["<a@b.lu>", { address: "a@b.lu", name: null }],
    ['"" <a@b.lu>', { address: "a@b.lu", name: null }],
    ["   Support   Team   <  support@shop.lu >  ", { address: "support@shop.lu", name: "Support Team" }],
    ["  loyalty@shop.lu  ", { address: "loyalty@shop.lu", name: null }],
    ['"a <b> c" <a@b.lu>', { address: "a@b.lu", name: "a <b> c" }],
    ["Shop Inc. <a@b.lu>", { address: "a@b.lu", name: "Shop Inc." }],
    ["Dev <dev@localhost>", { address: "dev@localhost", name: "Dev" }],
  ])("accepts %j", (text, expected) => {
    expect(parseMailbox(text)).toEqual(expected)
  })

  it.each([
    ["Support <not-an-address>", 'has "not-an-address" between "<" and ">", which is not an email address'],
    ["a@b.lu, c@d.lu", "holds more than one address: give one sender"],
    ["a@b.lu; c@d.lu", "holds more than one address: give one sender"],
    ["A <a@b.lu>, B <c@d.lu>", "holds more than one address: give one sender"],
    ["<a@b.lu> <c@d.lu>", 'has more than one "<" or ">": give one sender'],
    ["<>", 'has no address between "<" and ">"'],
    ["< >", 'has no address between "<" and ">"'],
    ["", "is empty"],
    ["   ", "is empty"],
    ["nobody", "is not an email address"],
    ["a@b", "is not an email address"],
    ["Support support@shop.lu", "has a name and an address without angle brackets: write Name <address>, as in Shop <loyalty@shop.lu>"],
    ["Shop, Inc. <a@b.lu>", 'has a "," outside quotes, which separates addresses: put a name with a comma in quotes, as in "Shop, Inc." <loyalty@shop.lu>'],
    ['"Shop <a@b.lu>', 'has a quote (") that is not closed'],
    ["Support <support@shop.lu", 'has a "<" that is not closed with ">"'],
    ["support@shop.lu>", 'has a ">" without "<"'],
    ["Support <support@shop.lu> (team)", 'has text after ">" ("(team)")'],
    ["Support\r\nBcc: x@evil.test <support@shop.lu>", "contains a line break or another control character"],
  ])("refuses %j", (text, problem) => {
    expect(() => parseMailbox(text)).toThrow(problem)
  })

  it("formats a mailbox so that it reads back the same, quoting a name with special characters", () => {
    const cases = [
      { address: "a@b.lu", name: null },
      { address: "a@b.lu", name: "Support" },
      { address: "a@b.lu", name: "Shop, Inc." },
      { address: "a@b.lu", name: 'Say "hi" \\o/' },
      { address: "x@y.lu", name: "Épicerie Müller" },
    ]
    expect(cases.map(formatMailbox)).toEqual(["a@b.lu", "Support <a@b.lu>", '"Shop, Inc." <a@b.lu>', '"Say \\"hi\\" \\\\o/" <a@b.lu>', "Épicerie Müller <x@y.lu>"])
    for (const m of cases) expect(parseMailbox(formatMailbox(m))).toEqual(m)
  })
})

describe("the sender setting (from_address, from_name)", () => {
  const resolve = (options: Record<string, unknown>, env: NodeJS.ProcessEnv = {}, database: Record<string, unknown> = {}) =>
    resolveSettings(EMAIL_SETTINGS_SPEC, { database, options, env }, "option email")

  it("reads the display-name form from env, options and the admin, and writes it one way", () => {
    expect(resolve({}, { REWARDFLOW_SMTP_FROM: '  "Support"   <support@shop.lu> ' }).values.from_address).toBe("Support <support@shop.lu>")
    expect(resolve({ from_address: '"Shop, Inc." <a@b.lu>' }).values.from_address).toBe('"Shop, Inc." <a@b.lu>')
    expect(resolve({}, {}, { from_address: "<a@b.lu>" }).values.from_address).toBe("a@b.lu")
  })

  it("names the field and the problem for what is not one address", () => {
    expect(() => resolve({}, { REWARDFLOW_SMTP_FROM: "Support <not-an-address>" })).toThrow(
      'env REWARDFLOW_SMTP_FROM must be an email address such as loyalty@shop.lu or Shop <loyalty@shop.lu>; "Support <not-an-address>" has "not-an-address" between "<" and ">", which is not an email address'
    )
    expect(() => resolve({ from_address: "a@b.lu, c@d.lu" })).toThrow(
      'option email from_address must be an email address such as loyalty@shop.lu or Shop <loyalty@shop.lu>; "a@b.lu, c@d.lu" holds more than one address: give one sender'
    )
    expect(() => resolve({}, {}, { from_address: "<>" })).toThrow(/saved setting from_address must be an email address .*; "<>" has no address between "<" and ">"/)
    expect(() => resolve({ from_name: "Support\nBcc: x@evil.test" })).toThrow(/option email from_name must be one line of text/)
    // reply_to stays a bare address.
    expect(() => resolve({ reply_to: "Support <support@shop.lu>" })).toThrow(/option email reply_to must be an email address/)
  })

  it("takes the name from from_address when from_name is not set, and says so", () => {
    const effective = resolve({}, { REWARDFLOW_SMTP_FROM: "Support <support@shop.lu>" })
    expect(describeSender(effective)).toEqual({
      address: "support@shop.lu",
      address_source: "env",
      name: "Support",
      name_from: "from_address",
      name_source: "env",
      unused_display_name: null,
      header: "Support <support@shop.lu>",
    })
    expect(senderMailbox(effective.values)).toEqual({ address: "support@shop.lu", name: "Support" })
  })

  it("from_name wins over the display name, in whichever layer it is set", () => {
    const effective = resolve({}, { REWARDFLOW_EMAIL_FROM_NAME: "Café Lëtzebuerg" }, { from_address: "Support <support@shop.lu>" })
    expect(describeSender(effective)).toEqual({
      address: "support@shop.lu",
      address_source: "database",
      name: "Café Lëtzebuerg",
      name_from: "from_name",
      name_source: "env",
      unused_display_name: "Support",
      header: "Café Lëtzebuerg <support@shop.lu>",
    })
    expect(senderMailbox(effective.values)).toEqual({ address: "support@shop.lu", name: "Café Lëtzebuerg" })
  })

  it("a bare address has no name; no address, no sender", () => {
    expect(describeSender(resolve({ from_address: "loyalty@shop.lu" }))).toMatchObject({ name: null, name_from: null, name_source: null, header: "loyalty@shop.lu" })
    expect(describeSender(resolve({ from_name: "Shop" }))).toEqual({
      address: null,
      address_source: null,
      name: "Shop",
      name_from: "from_name",
      name_source: "options",
      unused_display_name: null,
      header: null,
    })
  })

  it("the delivery description carries the address and the name apart", () => {
    const effective = resolve({ provider: "smtp", host: "127.0.0.1", port: 1025, from_address: '"Shop, Inc." <a@b.lu>' })
    expect(describeDelivery(effective.values)).toMatchObject({ from: "a@b.lu", from_name: "Shop, Inc." })
  })
})
