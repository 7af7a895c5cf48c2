import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LOYALTY_MODULE } from "../../modules/loyalty"
import { moneyAuthorized, moneyKept, upgradeBasis, type EarningBasis } from "../../modules/loyalty/lib/order-points"
import { moneySpent, tierCurrency, tierWindow, type SpendingOrder } from "../../modules/loyalty/lib/tiers"
import type LoyaltyModuleService from "../../modules/loyalty/service"
import { ORDER_FIELDS } from "../loyalty/steps/load-order-loyalty"

type Program = Record<string, any>

/** The order fields the points of an order follow (the coordinator's, without the customer and promotions). */
const SPENDING_FIELDS = ORDER_FIELDS.filter((f) => !f.startsWith("customer.") && !f.startsWith("promotions."))
const CHUNK = 100

/**
 * The money a member spent over the program's tier period: the orders that earned them points
 * (their first awards' earning bases), each read as it is now and measured like its points
 * (see moneySpent). One ledger read, then one order read per 100 orders.
 */
export async function measureMoneySpent(container: Pick<MedusaContainer, "resolve">, accountId: string, program: Program, now: Date): Promise<number> {
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { start } = tierWindow(program.tier_period, now, program.time_zone)
  const bases = await loyalty.listTierOrderBases(accountId, start)
  const orders: SpendingOrder[] = []
  for (let i = 0; i < bases.length; i += CHUNK) {
    const part = bases.slice(i, i + CHUNK)
    const { data } = await query.graph({ entity: "order", fields: SPENDING_FIELDS, filters: { id: part.map((b) => b.order_id) } })
    const byId = new Map((data as any[]).map((o) => [o.id, o]))
    for (const { order_id, basis } of part) {
      const o = byId.get(order_id)
      if (!o) continue
      orders.push({
        basis: upgradeBasis(basis as EarningBasis, { ...program, currency_code: o.currency_code } as any, o.total),
        order: { ...o, paid: moneyKept(o.payment_collections), authorized: moneyAuthorized(o.payment_collections) },
        canceled: o.status === "canceled" || !!o.canceled_at,
        placed_at: new Date(o.created_at),
      })
    }
  }
  return moneySpent(orders, tierCurrency(program), start)
}

/**
 * What a member's tier counts now: points earned or money spent over the program's tier period
 * (see TierStore and measureMoneySpent). A read.
 */
export async function measureTierValue(container: Pick<MedusaContainer, "resolve">, accountId: string, program: Program, now: Date): Promise<number> {
  if (program.tier_basis === "money_spent") return await measureMoneySpent(container, accountId, program, now)
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  return await loyalty.retrieveTierPointsEarned(accountId, tierWindow(program.tier_period, now, program.time_zone).start)
}
