/**
 * The most common 6-digit PINs, refused as staff PINs. The first ten are the ten most used
 * 6-digit PINs of Markert et al., "This PIN Can Be Easily Guessed: Analyzing the Security of
 * Smartphone Unlock PINs", IEEE Symposium on Security and Privacy 2020 (Table: top 6-digit PINs:
 * 000000, 111111, 112233, 121212, 123123, 123456, 159753, 654321, 666666, 789456); the rest are
 * the next most frequent 6-digit PINs of leaked-password analyses (RockYou-based lists such as
 * Wang et al., "Understanding Human-Chosen PINs", ASIACCS 2017). All-same digits and ascending or
 * descending runs are refused by rule as well, so they need not all be listed.
 */
export const COMMON_PINS: ReadonlySet<string> = new Set([
  "000000", "111111", "112233", "121212", "123123", "123456", "159753", "654321", "666666", "789456",
  "123321", "696969", "777777", "555555", "101010", "131313", "222222", "999999", "252525", "112211",
  "123654", "147258", "147852", "159357", "520520", "131420", "102030", "121314", "112358", "100200",
  "7777777", "1234567", "12345678", "11223344", "1111111", "00000000", "11111111", "87654321",
])

export type PinRule = "digits" | "length" | "all_same" | "sequence" | "common"

export const PIN_RULE_MESSAGES: Record<PinRule, string> = {
  digits: "pin must contain only digits",
  length: "pin must be 6 to 8 digits",
  all_same: "pin must not be one digit repeated",
  sequence: "pin must not be an ascending or descending run of digits",
  common: "pin is one of the most common PINs",
}

/** The first rule a PIN breaks, or null when it may be used. */
export function brokenPinRule(pin: string): PinRule | null {
  if (!/^\d*$/.test(pin)) return "digits"
  if (pin.length < 6 || pin.length > 8) return "length"
  if (/^(\d)\1*$/.test(pin)) return "all_same"
  const steps = new Set<number>()
  for (let i = 1; i < pin.length; i++) steps.add((Number(pin[i]) - Number(pin[i - 1]) + 10) % 10)
  // 123456, 987654, 01234567 and the wrapped 890123 alike.
  if (steps.size === 1 && (steps.has(1) || steps.has(9))) return "sequence"
  if (COMMON_PINS.has(pin)) return "common"
  return null
}
