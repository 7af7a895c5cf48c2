import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MESSAGING_MODULE } from "../../../modules/loyalty-messaging"
import type LoyaltyMessagingModuleService from "../../../modules/loyalty-messaging/service"

export const recordExpiryNoticesStepId = "record-loyalty-expiry-notices"

export type ExpiringPoints = {
  account_id: string
  customer_id: string
  /** Day the points expire (YYYY-MM-DD) in the program's time zone: the key of the notice. */
  expires_on: string
  /** The first of those lots' expiry instants (ISO). */
  expires_at: string
  /** The program's time zone (IANA), which the mail writes the day in. */
  time_zone: string
  points: number
  balance: number
}

/**
 * Remembers which (account, expiry day) pairs were announced and returns only the new ones,
 * so each shopper is warned once per expiry date; a lot whose expiry moved to another day is
 * announced again for that day. Compensation forgets what this run recorded.
 *
 * @example
 * const fresh = recordExpiryNoticesStep(expiring)
 */
export const recordExpiryNoticesStep = createStep(
  recordExpiryNoticesStepId,
  async (expiring: ExpiringPoints[], { container }) => {
    const messaging: LoyaltyMessagingModuleService = container.resolve(LOYALTY_MESSAGING_MODULE)
    const created = await messaging.recordExpiryNotices(
      expiring.map(({ account_id, expires_on, points }) => ({ account_id, expires_on, points }))
    )
    const isNew = new Set(created.map((c) => `${c.account_id}:${c.expires_on}`))
    return new StepResponse(
      expiring.filter((e) => isNew.has(`${e.account_id}:${e.expires_on}`)),
      created.map((c) => c.id)
    )
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    const messaging: LoyaltyMessagingModuleService = container.resolve(LOYALTY_MESSAGING_MODULE)
    await messaging.deleteLoyaltyExpiryNotices(ids)
  }
)
