import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import { addressKey, decideReferral, type ReferralDecision, type ReferralOrder } from "../../../modules/loyalty/lib/referral"
import type LoyaltyModuleService from "../../../modules/loyalty/service"

export const loadReferralProgressStepId = "load-referral-progress"

export type ReferralProgress = { referral_id: string; decision: ReferralDecision }

const OPEN = ["signed_up", "qualified"]

const ORDER_FIELDS = [
  "id",
  "customer_id",
  "created_at",
  "status",
  "canceled_at",
  // The item's id too: without it query.graph leaves its quantity out.
  "items.id",
  "items.quantity",
  "items.detail.return_received_quantity",
  "items.detail.return_dismissed_quantity",
  "shipping_address.address_1",
  "shipping_address.address_2",
  "shipping_address.postal_code",
  "shipping_address.city",
  "shipping_address.country_code",
]

type Row = Record<string, any>

/**
 * Reads the open referrals named (by id, or the one of an order's customer) with their
 * referees' orders and the shipping addresses of their referrers' orders, and decides each one
 * as of `now` (decideReferral). Reads only: one query per kind for the whole batch.
 *
 * @example
 * const progress = loadReferralProgressStep({ referral_ids, now })
 */
export const loadReferralProgressStep = createStep(
  loadReferralProgressStepId,
  async (input: { referral_ids?: string[]; order_id?: string; now?: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const now = input.now ? new Date(input.now) : new Date()
    let filters: Row | null = input.referral_ids?.length ? { id: input.referral_ids } : null
    if (input.order_id) {
      const { data: [order] } = await query.graph({ entity: "order", fields: ["customer_id"], filters: { id: input.order_id } })
      filters = (order as Row | undefined)?.customer_id ? { referee_customer_id: (order as Row).customer_id } : null
    }
    if (!filters) return new StepResponse<ReferralProgress[]>([])
    const referrals = await loyalty.listLoyaltyReferrals({ ...filters, status: OPEN } as any, { take: 1000 })
    if (!referrals.length) return new StepResponse<ReferralProgress[]>([])

    const programs = await loyalty.listLoyaltyPrograms({ id: [...new Set(referrals.map((r) => r.program_id))] })
    const pendingDays = new Map(programs.map((p) => [p.id, (p as Row).pending_days as number | null]))
    const refereeIds = [...new Set(referrals.map((r) => r.referee_customer_id))]
    const { data: orders } = await query.graph({ entity: "order", fields: ORDER_FIELDS, filters: { customer_id: refereeIds } })
    const ordersOf = (customerId: string) => (orders as Row[]).filter((o) => o.customer_id === customerId) as ReferralOrder[]

    // The referrers' addresses matter only for referrals with an order to judge.
    const judged = referrals.filter((r) => ordersOf(r.referee_customer_id).length)
    const referrers = judged.length ? await loyalty.listLoyaltyAccounts({ id: [...new Set(judged.map((r) => r.referrer_account_id))] }) : []
    const customerOf = new Map(referrers.map((a) => [a.id, a.customer_id]))
    const { data: referrerOrders } = referrers.length
      ? await query.graph({ entity: "order", fields: ["customer_id", ...ORDER_FIELDS.filter((f) => f.startsWith("shipping_address."))], filters: { customer_id: [...new Set(customerOf.values())] } })
      : { data: [] }
    const addressesOf = (customerId: string | undefined) =>
      new Set((referrerOrders as Row[]).filter((o) => o.customer_id === customerId).map((o) => addressKey(o.shipping_address)).filter((k): k is string => !!k))

    const progress = referrals.map((r) => ({
      referral_id: r.id,
      decision: decideReferral({
        orders: ordersOf(r.referee_customer_id),
        referrerAddressKeys: addressesOf(customerOf.get(r.referrer_account_id)),
        pendingDays: pendingDays.get(r.program_id),
        now,
      }),
    }))
    return new StepResponse(progress)
  }
)
