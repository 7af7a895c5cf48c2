import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { LOYALTY_MODULE } from "../modules/loyalty"
import { formatCardNumber } from "../modules/loyalty/lib/card-number"
import type LoyaltyModuleService from "../modules/loyalty/service"

/** The account fields every loyalty endpoint returns. */
export const ACCOUNT_FIELDS = [
  "id",
  "program_id",
  "customer_id",
  "card_number",
  "status",
  "balance",
  "points_owed",
  "lifetime_earned",
  "points_pending",
  "enrolled_at",
  "locale",
  "tier_id",
  "tier_reached_at",
  "tier_below_since",
  "created_at",
  "updated_at",
]

/** The account fields admin endpoints return: the shopper's, and whether it is test data. */
export const ADMIN_ACCOUNT_FIELDS = [...ACCOUNT_FIELDS, "is_test"]

/** Ledger entry fields shown to the shopper (no staff or admin identities). */
export const SHOPPER_ENTRY_FIELDS = [
  "id",
  "type",
  "points",
  "balance_after",
  "shortfall",
  "owed_change",
  "pending_change",
  "source_type",
  "source_id",
  "reason",
  "created_at",
]

export const ADMIN_ENTRY_FIELDS = [
  ...SHOPPER_ENTRY_FIELDS,
  "earned_change",
  "idempotency_key",
  "reverses_entry_id",
  "lot_allocations",
  "actor_user_id",
  "actor_customer_id",
  "actor_device_id",
  "actor_staff_id",
  "metadata",
]

export const PROGRAM_FIELDS = [
  "id",
  "name",
  "status",
  "earn_rates",
  "rounding",
  "count_shipping",
  "count_taxes",
  "welcome_bonus_points",
  "points_validity_months",
  "auto_enroll",
  "default_locale",
  "points_as_money",
  "validity_end_of_month",
  "activity_extends_validity",
  "pending_days",
  "tier_basis",
  "tier_period",
  "tier_grace_days",
  "tier_currency_code",
  "time_zone",
  "birthday_bonus_points",
  "referral_referrer_points",
  "referral_referee_points",
  "referral_weekly_limit",
  "metadata",
  "created_at",
  "updated_at",
  "sales_channels.id",
  "sales_channels.name",
]

type Row = Record<string, any>

/** Adds what a storefront needs to print the card. */
export function withCardDisplay<T extends Row>(account: T) {
  return { ...account, card_number_formatted: formatCardNumber(account.card_number) }
}

/** The program as the admin sees it; `sales_channel_ids` empty means every channel earns. */
export function toAdminProgram(program: Row) {
  const { sales_channels, ...rest } = program
  const channels = (sales_channels ?? []).filter(Boolean)
  return {
    ...rest,
    sales_channel_ids: channels.map((c: Row) => c.id),
    sales_channels: channels,
  }
}

/** What a shopper may know of the program. */
export function toShopperProgram(program: Row) {
  return {
    id: program.id,
    name: program.name,
    status: program.status,
    earn_rates: program.earn_rates,
    welcome_bonus_points: program.welcome_bonus_points,
    points_validity_months: program.points_validity_months,
    default_locale: program.default_locale,
    points_as_money: program.points_as_money ?? null,
    validity_end_of_month: program.validity_end_of_month ?? false,
    activity_extends_validity: program.activity_extends_validity ?? false,
    pending_days: program.pending_days ?? null,
    tier_basis: program.tier_basis,
    tier_period: program.tier_period,
    birthday_bonus_points: program.birthday_bonus_points ?? 0,
    referral_referrer_points: program.referral_referrer_points ?? 0,
    referral_referee_points: program.referral_referee_points ?? 0,
  }
}

export { localizedText, supportedLocale } from "../modules/loyalty/lib/localized-text"

export async function graphOne(scope: MedusaContainer, entity: string, fields: string[], filters: Row) {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity, fields, filters })
  return (data[0] as Row | undefined) ?? null
}

/**
 * An account's pending order points (the program's pending period), per order, the soonest
 * available first. An account without pending points costs no query.
 */
export async function pendingPoints(scope: MedusaContainer, account: Row) {
  if (!account.points_pending) return []
  const loyalty: LoyaltyModuleService = scope.resolve(LOYALTY_MODULE)
  const rows = await loyalty.listPendingPoints(account.id)
  return rows.map((r) => ({ points: r.points, order_id: r.order_id, available_at: r.available_at }))
}

/** The next points to expire on an account: the earliest expiry date and what expires then. */
export async function nextExpiry(scope: MedusaContainer, accountId: string) {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: lots } = await query.graph({
    entity: "loyalty_point_lot",
    fields: ["remaining", "expires_at"],
    filters: { account_id: accountId, remaining: { $gt: 0 }, expires_at: { $ne: null } },
    pagination: { order: { expires_at: "ASC" }, take: 50 },
  })
  if (!lots.length) return null
  const first = new Date((lots[0] as Row).expires_at).toISOString().slice(0, 10)
  const points = lots
    .filter((l: Row) => new Date(l.expires_at).toISOString().slice(0, 10) === first)
    .reduce((sum: number, l: Row) => sum + l.remaining, 0)
  return { points, expires_at: (lots[0] as Row).expires_at }
}
