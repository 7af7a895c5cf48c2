import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { EarnRate } from "../types"
import { countableAmount, type CountableOrderTotals, type EarnSettings, multiplierOf, pointsForAmount } from "./earn-points"
import { TABLES } from "./ledger/tables"

/** What the earn preview needs of the program, the shopper's account and their tier: one read. */
export type EarnPreviewContext = {
  program: EarnSettings & { id: string; status: string; pending_days: number | null }
  /** Null for an anonymous shopper or a customer who is not a member. */
  account: { id: string; status: string; tier_id: string | null } | null
  /** The member's tier (null: none, or it was removed). */
  tier: { id: string; multiplier: number } | null
}

/** Why a preview earns nothing, as the award would decide it. */
export type EarnPreviewSkip = "program_paused" | "sales_channel_not_enabled" | "currency_not_earning" | "account_blocked" | "no_price"

export type EarnPreview = {
  points: number
  currency_code: string
  /** The amount that earns (major units): items after discounts, plus shipping and taxes as the program counts them. */
  amount_counted: string
  /** The tier multiplier applied ("1" without a tier, or for an anonymous shopper). */
  multiplier: string
  /** The member's tier whose multiplier applies (null: none). */
  tier_id: string | null
  rate: EarnRate | null
  rounding: EarnSettings["rounding"]
  count_shipping: boolean
  count_taxes: boolean
  /** Days the order's points stay pending after it is placed (null: spendable at once). */
  pending_days: number | null
  enrolled: boolean
  skip_reason: EarnPreviewSkip | null
}

/**
 * The store's program (the first one, as the award reads it), the customer's account in it and
 * the account's tier: one SQL statement with joins, read outside any transaction. Null when the
 * plugin has no program yet.
 */
export async function readEarnPreviewContext(knex: Knex, customerId: string | null): Promise<EarnPreviewContext | null> {
  const row = await knex(`${TABLES.program} as p`)
    .leftJoin(`${TABLES.account} as a`, function () {
      this.on("a.program_id", "=", "p.id").andOnVal("a.customer_id", "=", customerId ?? "").andOnNull("a.deleted_at")
    })
    .leftJoin(`${TABLES.tier} as t`, function () {
      this.on("t.id", "=", "a.tier_id").andOn("t.program_id", "=", "p.id").andOnNull("t.deleted_at")
    })
    .whereNull("p.deleted_at")
    .orderBy("p.created_at", "asc")
    .first(
      "p.id",
      "p.status",
      "p.earn_rates",
      "p.rounding",
      "p.count_shipping",
      "p.count_taxes",
      "p.pending_days",
      "a.id as account_id",
      "a.status as account_status",
      "a.tier_id",
      "t.id as tier_found",
      "t.multiplier as tier_multiplier"
    )
  if (!row) return null
  return {
    program: {
      id: row.id,
      status: row.status,
      earn_rates: row.earn_rates ?? {},
      rounding: row.rounding,
      count_shipping: !!row.count_shipping,
      count_taxes: !!row.count_taxes,
      pending_days: row.pending_days ?? null,
    },
    account: customerId && row.account_id ? { id: row.account_id, status: row.account_status, tier_id: row.tier_id ?? null } : null,
    tier: row.tier_found ? { id: row.tier_found, multiplier: row.tier_multiplier } : null,
  }
}

/**
 * The points an order of these totals would earn now, by the award's own rules (countableAmount,
 * then pointsForAmount with the member's tier multiplier: one rounding). Nothing when the program
 * is paused, the sales channel does not earn, the currency has no rate or the account is blocked.
 * A shopper who is not a member (or anonymous) sees the base rate: multiplier 1.
 */
export function earnPreview(
  ctx: EarnPreviewContext,
  input: {
    totals: CountableOrderTotals | null
    currency_code: string
    /** The sales channels the purchase would be made in (a cart's, or the publishable key's). */
    sales_channel_ids: string[]
    /** The channels the program earns in (empty: every channel). */
    program_sales_channel_ids: string[]
  }
): EarnPreview {
  const { program, account, tier } = ctx
  const currency = input.currency_code.toLowerCase()
  const rate = program.earn_rates[currency] ?? null
  const applied = account && tier && account.tier_id === tier.id ? tier : null
  const multiplier = multiplierOf(applied?.multiplier ?? 1)
  const amount = input.totals ? countableAmount(input.totals, program) : null
  let skip_reason: EarnPreviewSkip | null = null
  if (program.status !== "active") skip_reason = "program_paused"
  else if (input.program_sales_channel_ids.length && !input.sales_channel_ids.some((id) => input.program_sales_channel_ids.includes(id))) {
    skip_reason = "sales_channel_not_enabled"
  } else if (!rate || !(rate.amount > 0) || !(rate.points > 0)) skip_reason = "currency_not_earning"
  else if (account?.status === "blocked") skip_reason = "account_blocked"
  else if (!amount) skip_reason = "no_price"
  return {
    points: skip_reason || !amount ? 0 : pointsForAmount(amount, currency, program, multiplier),
    currency_code: currency,
    amount_counted: amount ? amount.toFixed() : "0",
    multiplier: multiplier.toString(),
    tier_id: applied?.id ?? null,
    rate,
    rounding: program.rounding,
    count_shipping: program.count_shipping,
    count_taxes: program.count_taxes,
    pending_days: program.pending_days,
    enrolled: !!account,
    skip_reason,
  }
}
