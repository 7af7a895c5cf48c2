import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { withCardDisplay } from "../../../loyalty-views"

/** What the admin sees of a redemption: its reward, the account and the account's customer. */
export const ADMIN_REDEMPTION_FIELDS = [
  "id",
  "kind",
  "status",
  "points",
  "currency_code",
  "discount_amount",
  "cart_id",
  "order_id",
  "promotion_code",
  "released_reason",
  "created_at",
  "updated_at",
  "redeemed_at",
  "released_at",
  "refunded_at",
  "reward.id",
  "reward.name",
  "reward.type",
  "reward.points_cost",
  "account.id",
  "account.card_number",
  "account.customer_id",
  "account.customer.id",
  "account.customer.email",
  "account.customer.first_name",
  "account.customer.last_name",
]

export type RedemptionFilters = {
  order_id?: string
  cart_id?: string
  account_id?: string | string[]
  status?: string[]
}

type Row = Record<string, any>

function toAdminRedemption(row: Row) {
  const { account, reward, discount_amount, ...rest } = row
  return {
    ...rest,
    discount_amount: discount_amount == null ? null : Number(discount_amount),
    reward: reward ?? null,
    account: account ? { ...withCardDisplay(account), customer: account.customer ?? null } : null,
  }
}

/** A page of redemptions, newest first, read through query.graph (the customer comes through the account link). */
export async function listAdminRedemptions(
  scope: MedusaContainer,
  filters: RedemptionFilters,
  page: { limit: number; offset: number }
) {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data, metadata } = await query.graph({
    entity: "loyalty_redemption",
    fields: ADMIN_REDEMPTION_FIELDS,
    filters: filters as Row,
    pagination: { skip: page.offset, take: page.limit, order: { created_at: "DESC", id: "DESC" } },
    // A reward deleted from the catalog keeps its name in the redemptions made with it.
    withDeleted: true,
  })
  return { redemptions: data.map(toAdminRedemption), count: metadata?.count ?? data.length }
}
