import {
  REWARD_LOCALES,
  REWARD_TYPES,
  type MoneyByCurrency,
  type PointsAsMoney,
  type RewardDTO,
  type RewardLocale,
  type RewardType,
} from "../../modules/loyalty/types/rewards"
import { rememberCurrencyDigits } from "./reward-display"
import { sdk } from "./sdk"

export { REWARD_LOCALES, REWARD_TYPES }
export type { MoneyByCurrency, PointsAsMoney, RewardLocale, RewardType }

/** A reward as the admin API sends it (dates as ISO strings). */
export type Reward = Omit<RewardDTO, "program_id" | "metadata" | "starts_at" | "ends_at"> & {
  starts_at: string | null
  ends_at: string | null
  created_at: string
}

/** What the admin sends to create or change a reward. */
export type RewardBody = Omit<Reward, "id" | "created_at">

export type LoyaltyProgram = { id: string; name: string; points_as_money: PointsAsMoney | null }

/** A product variant as the reward form and list show it. */
export type VariantChoice = { id: string; title: string | null; sku: string | null; product_title: string }

export const rewardKeys = {
  all: ["rewardflow", "rewards"] as const,
  list: (limit: number, offset: number) => ["rewardflow", "rewards", { limit, offset }] as const,
  variants: (ids: string[]) => ["rewardflow", "reward-variants", ids] as const,
  variantSearch: (q: string) => ["rewardflow", "variant-search", q] as const,
  program: ["rewardflow", "program"] as const,
  currencies: ["rewardflow", "store-currencies"] as const,
}

export async function listRewards(limit: number, offset: number) {
  return await sdk.client.fetch<{ rewards: Reward[]; count: number; limit: number; offset: number }>(
    "/admin/loyalty/rewards",
    { query: { limit, offset } }
  )
}

export async function createReward(body: RewardBody) {
  const { reward } = await sdk.client.fetch<{ reward: Reward }>("/admin/loyalty/rewards", { method: "POST", body })
  return reward
}

export async function updateReward(id: string, body: Partial<RewardBody>) {
  const { reward } = await sdk.client.fetch<{ reward: Reward }>(`/admin/loyalty/rewards/${id}`, { method: "POST", body })
  return reward
}

export async function deleteReward(id: string) {
  return await sdk.client.fetch<{ id: string; deleted: boolean }>(`/admin/loyalty/rewards/${id}`, { method: "DELETE" })
}

export async function fetchProgram() {
  const { program } = await sdk.client.fetch<{ program: LoyaltyProgram }>("/admin/loyalty/program")
  return program
}

export async function savePointsAsMoney(points_as_money: PointsAsMoney | null) {
  const { program } = await sdk.client.fetch<{ program: LoyaltyProgram }>("/admin/loyalty/program", {
    method: "POST",
    body: { points_as_money },
  })
  return program
}

/**
 * The store's currencies, default first (lower-case codes); `eur` when the store has none.
 * Their digits (JPY 0, KWD 3) are read from Medusa's currency module and kept for formatMoney.
 */
export async function fetchStoreCurrencies(): Promise<string[]> {
  const { stores } = await sdk.admin.store.list({ fields: "id,*supported_currencies" })
  const supported = stores[0]?.supported_currencies ?? []
  const codes = [...supported]
    .sort((a, b) => Number(b.is_default) - Number(a.is_default))
    .map((c) => c.currency_code.toLowerCase())
  if (!codes.length) return ["eur"]
  const { currencies } = await sdk.admin.currency.list({ code: codes, fields: "code,decimal_digits", limit: codes.length })
  rememberCurrencyDigits(Object.fromEntries(currencies.map((c) => [c.code.toLowerCase(), c.decimal_digits])))
  return codes
}

const VARIANT_FIELDS = "id,title,sku,product.id,product.title"

type VariantRow = { id: string; title: string | null; sku: string | null; product?: { title: string } | null }
const toChoice = (v: VariantRow): VariantChoice => ({
  id: v.id,
  title: v.title,
  sku: v.sku,
  product_title: v.product?.title ?? v.id,
})

/** Variants by id, for the list's "Free <product>" summaries. */
export async function fetchVariants(ids: string[]): Promise<VariantChoice[]> {
  if (!ids.length) return []
  const { variants } = await sdk.client.fetch<{ variants: VariantRow[] }>("/admin/product-variants", {
    query: { id: ids, fields: VARIANT_FIELDS, limit: ids.length },
  })
  return variants.map(toChoice)
}

/** Products matching `q` (title, handle...), flattened to their variants. */
export async function searchVariants(q: string): Promise<VariantChoice[]> {
  const { products } = await sdk.admin.product.list({
    q: q || undefined,
    limit: 20,
    fields: "id,title,variants.id,variants.title,variants.sku",
  })
  return products.flatMap((p) =>
    (p.variants ?? []).map((v) => ({ id: v.id, title: v.title ?? null, sku: v.sku ?? null, product_title: p.title }))
  )
}
