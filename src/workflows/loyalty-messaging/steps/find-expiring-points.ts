import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { calendarDayIn, knownTimeZone } from "../../../modules/loyalty/lib/expiry-dates"
import type { ExpiringPoints } from "./record-expiry-notices"

export const findExpiringPointsStepId = "find-expiring-loyalty-points"

export type FindExpiringPointsInput = {
  /** Warn about points expiring within this many days. */
  within_days: number
  /** Defaults to the time the step runs. */
  now?: string
}

/**
 * Sums, per active account and expiry day, the points still open in lots that expire within
 * the window (after now). The day is the one the program's time zone reads (an expiry at
 * 23:59:59.999 in Luxembourg is that day, not the next one in UTC), and it follows the lots'
 * expiry as it is now: a lot moved out by later activity is announced again for its new day.
 * Read-only.
 *
 * @example
 * const expiring = findExpiringPointsStep({ within_days: 14 })
 */
export const findExpiringPointsStep = createStep(
  findExpiringPointsStepId,
  async (input: FindExpiringPointsInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const now = input.now ? new Date(input.now) : new Date()
    const until = new Date(now.getTime() + input.within_days * 86_400_000)
    const { data: lots } = await query.graph({
      entity: "loyalty_point_lot",
      fields: ["remaining", "expires_at", "account.id", "account.customer_id", "account.balance", "account.status", "account.program.time_zone"],
      filters: { remaining: { $gt: 0 }, expires_at: { $gt: now, $lte: until } },
      pagination: { order: { expires_at: "ASC" }, take: 5000 },
    })
    const byKey = new Map<string, ExpiringPoints>()
    for (const lot of lots as Record<string, any>[]) {
      const account = lot.account
      if (!account || account.status !== "active") continue
      const expiresAt = new Date(lot.expires_at)
      const time_zone = knownTimeZone(account.program?.time_zone)
      const expires_on = calendarDayIn(expiresAt, time_zone)
      const key = `${account.id}:${expires_on}`
      const entry = byKey.get(key) ?? {
        account_id: account.id,
        customer_id: account.customer_id,
        expires_on,
        expires_at: expiresAt.toISOString(),
        time_zone,
        points: 0,
        balance: account.balance,
      }
      entry.points += lot.remaining
      byKey.set(key, entry)
    }
    return new StepResponse([...byKey.values()])
  }
)
