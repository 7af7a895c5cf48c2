import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE, type OrderPointsState, type RedemptionDTO } from "../../../modules/loyalty"
import { multiplierOf } from "../../../modules/loyalty/lib/earn-points"
import { moneyAuthorized, moneyKept, type OrderForPoints } from "../../../modules/loyalty/lib/order-points"
import type LoyaltyModuleService from "../../../modules/loyalty/service"

export const loadOrderLoyaltyStepId = "load-order-loyalty"

export type OrderLoyaltySkipReason =
  | "order_not_found"
  | "guest_order"
  | "program_paused"
  | "sales_channel_not_enabled"
  | "not_enrolled"
  | "account_blocked"

/** Everything the order coordinator decides on, read once. */
export type OrderLoyalty = {
  order_id: string
  order: (OrderForPoints & { display_id: number | null; customer_id: string | null; sales_channel_id: string | null; created_at: Date | string }) | null
  canceled: boolean
  cart_id: string | null
  /** Promotion codes the order carries. */
  codes: string[]
  program: Record<string, any>
  account: { id: string; status: string; customer_id: string; tier_id?: string | null } | null
  /** The member's tier multiplier now ("1" without a tier): what a first award earns with. */
  multiplier: string
  /** True when the customer has no account yet and the program would enroll them now. */
  enroll: boolean
  locale: string | null
  points: OrderPointsState
  /** The redemptions spent on the order, and those still open on its cart. */
  redemptions: RedemptionDTO[]
  /** Why the order earns nothing new (its points, if any, still follow the order's changes). */
  skip_reason: OrderLoyaltySkipReason | null
}

export const ORDER_FIELDS = [
  "id",
  "display_id",
  "created_at",
  "status",
  "canceled_at",
  "currency_code",
  "customer_id",
  "sales_channel_id",
  "total",
  "payment_collections.status",
  "payment_collections.authorized_amount",
  "payment_collections.refunded_amount",
  "item_total",
  "item_tax_total",
  "shipping_total",
  "shipping_tax_total",
  "items.id",
  "items.quantity",
  "items.total",
  "items.tax_total",
  "items.detail.return_received_quantity",
  "items.detail.return_dismissed_quantity",
  "customer.has_account",
  "customer.metadata",
  "promotions.code",
]

// The program's tiers come with it (no round trip of their own): the member's multiplier.
const PROGRAM_FIELDS = ["*", "sales_channels.id", "tiers.id", "tiers.multiplier"]

/**
 * Reads an order as the coordinator needs it, now: its status, items and totals, the store's
 * program (with its sales channels), the customer's account, the order's points as the ledger
 * has them and its redemptions. Reads only; runs under the order's lock.
 *
 * @example
 * const state = loadOrderLoyaltyStep({ order_id })
 */
export const loadOrderLoyaltyStep = createStep(loadOrderLoyaltyStepId, async ({ order_id }: { order_id: string }, { container }) => {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  const [{ data: [order] }, { data: [link] }, { data: [firstProgram] }, points] = await Promise.all([
    query.graph({ entity: "order", fields: ORDER_FIELDS, filters: { id: order_id } }),
    query.graph({ entity: "order_cart", fields: ["cart_id"], filters: { order_id } }),
    query.graph({ entity: "loyalty_program", fields: PROGRAM_FIELDS, pagination: { order: { created_at: "ASC" }, take: 1 } }),
    loyalty.retrieveOrderPointsState(order_id),
  ])
  // The first run of the plugin creates the program.
  const program: Record<string, any> = firstProgram ?? { ...(await loyalty.getOrCreateDefaultProgram()), sales_channels: [] }
  const cart_id: string | null = (link as any)?.cart_id ?? null
  const o = order as any
  const customerId: string | null = o?.customer_id ?? null
  const [accounts, redemptions] = await Promise.all([
    points.account_id
      ? loyalty.listLoyaltyAccounts({ id: points.account_id }, { take: 1 })
      : customerId
        ? loyalty.listLoyaltyAccounts({ program_id: program.id, customer_id: customerId }, { take: 1 })
        : [],
    loyalty.listLoyaltyRedemptions({ $or: [{ order_id }, ...(cart_id ? [{ cart_id }] : [])] } as any, { take: 100 }),
  ])
  const account = (accounts[0] as OrderLoyalty["account"]) ?? null
  const channels: string[] = (program.sales_channels ?? []).filter(Boolean).map((c: { id: string }) => c.id)

  let skip_reason: OrderLoyaltySkipReason | null = null
  if (!o) skip_reason = "order_not_found"
  else if (!customerId) skip_reason = "guest_order"
  else if (program.status !== "active") skip_reason = "program_paused"
  else if (channels.length && !channels.includes(o.sales_channel_id)) skip_reason = "sales_channel_not_enabled"
  else if (!account && !(program.auto_enroll && o.customer?.has_account)) skip_reason = "not_enrolled"
  else if (account?.status === "blocked") skip_reason = "account_blocked"

  const result: OrderLoyalty = {
    order_id,
    order: o ? { ...o, paid: moneyKept(o.payment_collections), authorized: moneyAuthorized(o.payment_collections) } : null,
    canceled: o?.status === "canceled" || !!o?.canceled_at,
    cart_id,
    codes: (o?.promotions ?? []).map((p: { code?: string } | null) => p?.code).filter(Boolean),
    program,
    account,
    multiplier: multiplierOf((program.tiers ?? []).find((t: { id: string } | null) => t && t.id === account?.tier_id)?.multiplier ?? 1).toString(),
    enroll: !skip_reason && !account,
    locale: (o?.customer?.metadata?.locale as string | undefined) ?? null,
    points,
    redemptions: redemptions as unknown as RedemptionDTO[],
    skip_reason,
  }
  return new StepResponse(result)
})
