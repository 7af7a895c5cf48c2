import { brokenPinRule, COMMON_PINS } from "../lib/pin-rules"
import { hashPin, verifyPin } from "../lib/pin-hash"

describe("PIN rules", () => {
  it("refuses every listed common PIN and lists at least 20 six-digit ones", () => {
    expect([...COMMON_PINS].filter((p) => p.length === 6).length).toBeGreaterThanOrEqual(20)
    for (const pin of COMMON_PINS) expect(brokenPinRule(pin)).not.toBeNull()
  })

  it.each([
    ["482915", null],
    ["58207314", null],
    ["1234567", "sequence"],
    ["76543210", "sequence"],
    ["890123", "sequence"],
    ["0000000", "all_same"],
    ["696969", "common"],
    ["12345", "length"],
    ["123456789", "length"],
    ["12 456", "digits"],
  ])("%s -> %s", (pin, rule) => {
    expect(brokenPinRule(pin)).toBe(rule)
  })

  it("hashes with scrypt and a per-hash salt; verifies only the right PIN", async () => {
    const a = await hashPin("482915")
    const b = await hashPin("482915")
    expect(a).not.toBe(b)
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/)
    expect(await verifyPin("482915", a)).toBe(true)
    expect(await verifyPin("482916", a)).toBe(false)
    expect(await verifyPin("482915", "bcrypt$whatever")).toBe(false)
  })
})
