import {
  CARD_NUMBER_LENGTH,
  formatCardNumber,
  generateCardNumber,
  isValidCardNumber,
  luhnCheckDigit,
  normalizeCardNumber,
} from "../lib/card-number"

/** Independent Luhn check over a full number (check digit included), for cross-checking. */
function luhnValid(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0
}

describe("card numbers", () => {
  it("luhnCheckDigit matches published examples", () => {
    // 7992739871 -> 3 is the textbook example; 4539 1488 0343 646 -> 7 a Visa test number.
    expect(luhnCheckDigit("7992739871")).toBe(3)
    expect(luhnCheckDigit("453914880343646")).toBe(7)
    expect(luhnCheckDigit("0")).toBe(0)
  })

  it("generates 16 digits starting with 9 and a valid Luhn check digit", () => {
    const seen = new Set<string>()
    for (let i = 0; i < 200; i++) {
      const n = generateCardNumber()
      expect(n).toMatch(/^9\d{15}$/)
      expect(n).toHaveLength(CARD_NUMBER_LENGTH)
      expect(luhnValid(n)).toBe(true)
      expect(isValidCardNumber(n)).toBe(true)
      seen.add(n)
    }
    // 15 random digits: 200 draws must not collide.
    expect(seen.size).toBe(200)
  })

  it("rejects every one-digit typo", () => {
    const n = generateCardNumber()
    for (let pos = 0; pos < n.length; pos++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === n[pos]) continue
        const typo = n.slice(0, pos) + d + n.slice(pos + 1)
        expect({ typo, valid: isValidCardNumber(typo) }).toEqual({ typo, valid: false })
      }
    }
  })

  it("rejects a swap of two adjacent different digits (except 0/9)", () => {
    const n = "9123456789012348"
    expect(luhnValid(n)).toBe(true)
    expect(isValidCardNumber(n)).toBe(true)
    expect(isValidCardNumber("9213456789012348")).toBe(false)
    expect(isValidCardNumber("9124356789012348")).toBe(false)
  })

  it("rejects wrong length and non-digits, ignores spaces", () => {
    const n = generateCardNumber()
    expect(isValidCardNumber(n.slice(0, -1))).toBe(false)
    expect(isValidCardNumber(n + "0")).toBe(false)
    expect(isValidCardNumber("")).toBe(false)
    expect(isValidCardNumber(n.slice(0, 15) + "x")).toBe(false)
    expect(isValidCardNumber(formatCardNumber(n))).toBe(true)
    expect(isValidCardNumber(` ${n} `)).toBe(true)
  })

  it("formats in groups of four and normalizes typed or scanned input back", () => {
    expect(formatCardNumber("9123456789012348")).toBe("9123 4567 8901 2348")
    expect(normalizeCardNumber("9123 4567 8901 2348")).toBe("9123456789012348")
    expect(normalizeCardNumber("9123-4567-8901-2348")).toBe("9123456789012348")
    expect(normalizeCardNumber(" 9123 - 4567\t8901\n2348 ")).toBe("9123456789012348")
    const n = generateCardNumber()
    expect(normalizeCardNumber(formatCardNumber(n))).toBe(n)
  })
})
