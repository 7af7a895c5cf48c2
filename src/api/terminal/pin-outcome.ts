import { terminalRefusal } from "../../modules/loyalty-terminal/lib/terminal-refusal"
import type { PinCheckOutcome } from "../../modules/loyalty-terminal/types"

const iso = (d: Date | string) => new Date(d).toISOString()

/** The refusal of a PIN check that failed (wrong PIN, or the PIN locked). */
export function pinRefusal(outcome: Exclude<PinCheckOutcome, { ok: true }>) {
  if (outcome.reason === "staff_locked") {
    return terminalRefusal(
      "staff_locked",
      `${outcome.locked_now ? "Too many wrong PINs: the PIN is now locked" : "The PIN is locked"} until ${iso(outcome.locked_until)}; a manager or admin can unlock it`,
      { staff_id: outcome.staff_id, locked_until: iso(outcome.locked_until), locked_now: outcome.locked_now }
    )
  }
  return terminalRefusal("pin_incorrect", `Wrong PIN: ${outcome.attempts_left} attempt(s) left before the PIN is locked`, { attempts_left: outcome.attempts_left })
}
