import { randomInt } from "node:crypto"

/** Prefix of every RewardFlow card number; keeps them apart from payment cards (which start 2-6). */
export const CARD_NUMBER_PREFIX = "9"
export const CARD_NUMBER_LENGTH = 16

/** Luhn check digit for a string of digits. */
export function luhnCheckDigit(digits: string): number {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 0) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return (10 - (sum % 10)) % 10
}

/** True when `cardNumber` is 16 digits with a valid Luhn check digit (spaces ignored). */
export function isValidCardNumber(cardNumber: string): boolean {
  const digits = cardNumber.replace(/\s+/g, "")
  if (!/^\d+$/.test(digits) || digits.length !== CARD_NUMBER_LENGTH) {
    return false
  }
  return luhnCheckDigit(digits.slice(0, -1)) === Number(digits.slice(-1))
}

/**
 * A new card number: digits only (printable as Code 128, EAN-style or QR barcode),
 * 16 long, starting with 9, ending with a Luhn check digit so a mistyped number is caught.
 */
export function generateCardNumber(): string {
  let body = CARD_NUMBER_PREFIX
  while (body.length < CARD_NUMBER_LENGTH - 1) {
    body += String(randomInt(0, 10))
  }
  return body + String(luhnCheckDigit(body))
}

/** "9123 4567 8901 2345": how a card number is shown to people. */
export function formatCardNumber(cardNumber: string): string {
  return cardNumber.replace(/(\d{4})(?=\d)/g, "$1 ")
}

/** Strips spaces and dashes from a typed or scanned card number. */
export function normalizeCardNumber(input: string): string {
  return input.replace(/[\s-]+/g, "")
}
