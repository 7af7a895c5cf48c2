import { z } from "@medusajs/framework/zod"
import { brokenPinRule, PIN_RULE_MESSAGES } from "../../modules/loyalty-terminal/lib/pin-rules"

/** A new PIN: 6 to 8 digits, not all the same, not a run, not one of the most common. */
export const NewPin = z.string().superRefine((pin, ctx) => {
  const rule = brokenPinRule(pin)
  if (rule) ctx.addIssue({ code: "custom", message: PIN_RULE_MESSAGES[rule], params: { rule } })
})

/** A PIN typed to sign in (not checked against the rules: it is compared with the hash). */
export const EnteredPin = z.string().min(1).max(32)

export const TerminalPair = z.object({
  code: z.string().trim().min(1).max(32),
  name: z.string().trim().min(1).max(100).optional(),
})
export type TerminalPairType = z.infer<typeof TerminalPair>

export const TerminalOpenSession = z.object({
  staff_id: z.string().min(1).max(100),
  pin: EnteredPin,
})
export type TerminalOpenSessionType = z.infer<typeof TerminalOpenSession>

export const TerminalChangeOwnPin = z.object({ current_pin: EnteredPin, pin: NewPin })
export type TerminalChangeOwnPinType = z.infer<typeof TerminalChangeOwnPin>

export const TerminalResetPin = z.object({ pin: NewPin })
export type TerminalResetPinType = z.infer<typeof TerminalResetPin>

export const TerminalReportFailures = z.object({
  attempts: z
    .array(
      z.object({
        attempt_id: z.string().trim().min(8).max(100),
        at: z.string().datetime({ offset: true }).optional(),
      })
    )
    .min(1)
    .max(100),
})
export type TerminalReportFailuresType = z.infer<typeof TerminalReportFailures>

/** POST /terminal/sync: up to 200 offline actions, each with its signature sealed to the sync key (checked one by one). */
export const TerminalSync = z.object({
  actions: z
    .array(
      z.object({
        action: z.record(z.string(), z.unknown()),
        sealed_signature: z.string().min(1).max(1000),
      })
    )
    .min(1)
    .max(200),
})
export type TerminalSyncType = z.infer<typeof TerminalSync>
