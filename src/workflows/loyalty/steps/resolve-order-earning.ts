import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import { pointsForOrder } from "../../../modules/loyalty/lib/earn-points"
import { earningBasis, type EarningBasis } from "../../../modules/loyalty/lib/return-points"
import type LoyaltyModuleService from "../../../modules/loyalty/service"

export const resolveOrderEarningStepId = "resolve-order-loyalty-earning"

export type OrderEarningSkipReason =
  | "order_not_found"
  | "guest_order"
  | "program_paused"
  | "sales_channel_not_enabled"
  | "not_enrolled"
  | "account_blocked"
  | "no_points"

export type OrderEarning = {
  order_id: string
  /** The order number shoppers and merchants know (Medusa's display_id). */
  display_id: number | null
  program_id: string
  customer_id: string | null
  account_id: string | null
  /** True when the customer has no account yet and the program enrolls automatically. */
  enroll: boolean
  locale: string | null
  points: number
  currency_code: string | null
  skip_reason: OrderEarningSkipReason | null
  /** What the points were earned on, for returns (see EarningBasis). */
  basis: EarningBasis | null
}

const ORDER_FIELDS = [
  "id",
  "display_id",
  "currency_code",
  "customer_id",
  "sales_channel_id",
  "item_total",
  "item_tax_total",
  "shipping_total",
  "shipping_tax_total",
  "items.id",
  "items.quantity",
  "items.total",
  "items.tax_total",
  "customer.has_account",
  "customer.metadata",
]

/**
 * Decides whether and how many points an order earns: program active, sales channel
 * enabled, customer enrolled (or auto-enrolled), account not blocked. Reads only.
 *
 * @example
 * const earning = resolveOrderEarningStep({ order_id })
 */
export const resolveOrderEarningStep = createStep(
  resolveOrderEarningStepId,
  async ({ order_id }: { order_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const program = await loyalty.getOrCreateDefaultProgram()
    const result = (reason: OrderEarningSkipReason | null, extra: Partial<OrderEarning> = {}) =>
      new StepResponse<OrderEarning>({
        order_id,
        display_id: null,
        program_id: program.id,
        customer_id: null,
        account_id: null,
        enroll: false,
        locale: null,
        points: 0,
        currency_code: null,
        skip_reason: reason,
        basis: null,
        ...extra,
      })

    const { data: orders } = await query.graph({
      entity: "order",
      fields: ORDER_FIELDS,
      filters: { id: order_id },
    })
    const order = orders[0] as any
    if (!order) return result("order_not_found")
    const base = {
      customer_id: order.customer_id ?? null,
      currency_code: order.currency_code,
      display_id: order.display_id ?? null,
    }
    if (!order.customer_id) return result("guest_order", base)
    if (program.status !== "active") return result("program_paused", base)

    const { data: programs } = await query.graph({
      entity: "loyalty_program",
      fields: ["id", "sales_channels.id"],
      filters: { id: program.id },
    })
    const channelIds: string[] = ((programs[0] as any)?.sales_channels ?? [])
      .filter(Boolean)
      .map((c: { id: string }) => c.id)
    if (channelIds.length && !channelIds.includes(order.sales_channel_id)) {
      return result("sales_channel_not_enabled", base)
    }

    const [account] = await loyalty.listLoyaltyAccounts(
      { program_id: program.id, customer_id: order.customer_id },
      { take: 1 }
    )
    const locale = (order.customer?.metadata?.locale as string | undefined) ?? null
    if (!account && !(program.auto_enroll && order.customer?.has_account)) {
      return result("not_enrolled", base)
    }
    if (account?.status === "blocked") {
      return result("account_blocked", { ...base, account_id: account.id })
    }
    const points = pointsForOrder(order, program as any)
    return result(points > 0 ? null : "no_points", {
      ...base,
      account_id: account?.id ?? null,
      enroll: !account,
      locale,
      points,
      basis: earningBasis(order, program as any),
    })
  }
)
