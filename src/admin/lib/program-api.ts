import { REWARD_LOCALES, rewardKeys, type RewardLocale } from "./rewards-api"
import { sdk } from "./sdk"

export { REWARD_LOCALES as TIER_LOCALES }

/** The program settings the Program page edits, as `GET /admin/loyalty/program` sends them. */
export type ProgramSettings = {
  id: string
  name: string
  /** Paused: no order earns points. */
  status: "active" | "paused"
  /** Per lower-case currency code: `points` per `amount` (major units); a currency without one earns nothing. */
  earn_rates: Record<string, EarnRate>
  rounding: "floor" | "nearest"
  count_shipping: boolean
  count_taxes: boolean
  welcome_bonus_points: number
  auto_enroll: boolean
  default_locale: RewardLocale
  /** The channels where orders earn; empty: every channel. */
  sales_channel_ids: string[]
  sales_channels: { id: string; name: string | null }[]
  /** The liability estimate in force (the last saved), or null. */
  liability_estimate: LiabilityEstimate | null
  /** How many estimates were saved (each kept). */
  liability_estimates: number
  tier_basis: "points_earned" | "money_spent"
  tier_period: "rolling_12_months" | "calendar_year"
  tier_grace_days: number
  tier_currency_code: string | null
  /** Days order points stay pending; null: off. */
  pending_days: number | null
  birthday_bonus_points: number
  time_zone: string
  referral_referrer_points: number
  referral_referee_points: number
  referral_weekly_limit: number
  /** Null: points never expire. */
  points_validity_months: number | null
  validity_end_of_month: boolean
  activity_extends_validity: boolean
}

export type EarnRate = { points: number; amount: number }

/** As the API sends it: decimals as text. */
export type LiabilityEstimate = {
  currency_code: string
  point_value: string
  expected_redemption_rate: string
  effective_at: string
  actor_user_id: string | null
}

export type ProgramSettingsBody = Partial<
  Omit<ProgramSettings, "id" | "sales_channels" | "liability_estimate" | "liability_estimates"> & {
    /** A new estimate, kept beside the earlier ones; `effective_at` default now. */
    liability_estimate: { currency_code: string; point_value: string; expected_redemption_rate: string; effective_at?: string }
  }
>

/** A tier as `GET /admin/loyalty/tiers` sends it. */
export type Tier = {
  id: string
  name: Partial<Record<RewardLocale, string>> & { en: string }
  perks: Partial<Record<RewardLocale, string>> | null
  threshold: number
  multiplier: number
  color: string | null
  member_count: number
}

export type TierBody = {
  name: Partial<Record<RewardLocale, string>> & { en: string }
  perks: Partial<Record<RewardLocale, string>> | null
  threshold: number | string | null
  multiplier: number | string | null
  color: string | null
}

export const programKeys = {
  // The same entry as the rewards page's points-as-money card: one program in the cache.
  program: rewardKeys.program,
  tiers: ["rewardflow", "tiers"] as const,
  currencies: rewardKeys.currencies,
}

export async function fetchProgramSettings() {
  const { program } = await sdk.client.fetch<{ program: ProgramSettings }>("/admin/loyalty/program")
  return program
}

export async function saveProgramSettings(body: ProgramSettingsBody) {
  const { program } = await sdk.client.fetch<{ program: ProgramSettings }>("/admin/loyalty/program", { method: "POST", body })
  return program
}

export async function listTiers() {
  const { tiers } = await sdk.client.fetch<{ tiers: Tier[] }>("/admin/loyalty/tiers")
  return tiers
}

export async function createTier(body: TierBody) {
  const { tier } = await sdk.client.fetch<{ tier: Tier }>("/admin/loyalty/tiers", { method: "POST", body })
  return tier
}

export async function updateTier(id: string, body: TierBody) {
  const { tier } = await sdk.client.fetch<{ tier: Tier }>(`/admin/loyalty/tiers/${id}`, { method: "POST", body })
  return tier
}

export async function deleteTier(id: string) {
  return await sdk.client.fetch<{ id: string; deleted: boolean }>(`/admin/loyalty/tiers/${id}`, { method: "DELETE" })
}

/**
 * A number field's text as the API gets it: a number, null when empty, else the text as typed,
 * so that the API's message ("must be a number, got …") names the field.
 */
export function numberOrText(value: string): number | string | null {
  const trimmed = value.trim()
  if (trimmed === "") return null
  const n = Number(trimmed)
  return Number.isFinite(n) ? n : trimmed
}
