import { randomBytes } from "node:crypto"

/** Loyalty promotion codes are recognisable in the admin's promotion list. */
export const LOYALTY_CODE_PREFIX = "LOYALTY-"
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

/** 12 characters from 32 (60 bits): not guessable, easy to read out at a till. */
export const newLoyaltyCode = () =>
  LOYALTY_CODE_PREFIX + Array.from(randomBytes(12), (b) => ALPHABET[b % ALPHABET.length]).join("")
