import type { MoneyByCurrency, Reward, VariantChoice } from "./rewards-api"

/** The translate function of the `rewardflow` namespace. */
export type Translate = (key: string, options?: Record<string, unknown>) => string

/** Digits Medusa's currency module gave for the store's currencies (see fetchStoreCurrencies). */
const knownDigits = new Map<string, number>()

/** Keeps the `decimal_digits` Medusa answered, by lower-case code, for every amount shown after. */
export function rememberCurrencyDigits(digits: Record<string, number>) {
  for (const [code, d] of Object.entries(digits)) {
    if (Number.isInteger(d) && d >= 0) knownDigits.set(code.toLowerCase(), d)
  }
}

/**
 * Digits of a currency (EUR 2, JPY 0, KWD 3): Medusa's when the store's currencies were loaded,
 * else the browser's (ISO 4217), else 2.
 */
export function currencyDigits(currency: string): number {
  const known = knownDigits.get(currency.toLowerCase())
  if (known !== undefined) return known
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2
  } catch {
    return 2
  }
}

/**
 * "5.00 EUR", "500 JPY", "1.250 KWD", like the API's own messages; `maxDecimals` above the
 * currency's for values finer than it ("0.005 EUR" per point).
 */
export function formatMoney(amount: number, currency: string, maxDecimals?: number) {
  const digits = currencyDigits(currency)
  const max = Math.max(digits, maxDecimals ?? digits)
  return `${amount.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: max, useGrouping: false })} ${currency.toUpperCase()}`
}

/** "5.00 EUR / 6.00 USD", or null when there is none. */
export function formatMoneyList(money: MoneyByCurrency | null | undefined): string | null {
  const entries = Object.entries(money ?? {})
  return entries.length ? entries.map(([code, amount]) => formatMoney(amount, code)).join(" / ") : null
}

/** What the reward gives: "5.00 EUR off", "10% (max 8.00 EUR)", "Free shipping", "Free Tote Bag". */
export function rewardValue(t: Translate, reward: Reward, variants: Map<string, VariantChoice>): string {
  switch (reward.type) {
    case "fixed_amount":
      return t("rewards.value.fixed", { amounts: formatMoneyList(reward.amounts) ?? "–" })
    case "percentage": {
      const max = formatMoneyList(reward.max_discount)
      return max
        ? t("rewards.value.percentageCapped", { percentage: reward.percentage, max })
        : t("rewards.value.percentage", { percentage: reward.percentage })
    }
    case "free_shipping":
      return t("rewards.value.freeShipping")
    case "free_product": {
      const variant = reward.variant_id ? variants.get(reward.variant_id) : undefined
      return variant ? t("rewards.value.freeProduct", { product: variant.product_title }) : t("rewards.value.freeProductUnknown")
    }
  }
}

const formatDate = (iso: string, locale?: string) =>
  new Date(iso).toLocaleDateString(locale, { year: "numeric", month: "short", day: "numeric" })

/** "Always", "From 1 Jan 2027", "Until ...", "1 Jan 2027 – 2 Feb 2027". */
export function rewardValidity(t: Translate, reward: Pick<Reward, "starts_at" | "ends_at">, locale?: string): string {
  const { starts_at, ends_at } = reward
  if (starts_at && ends_at) return t("rewards.validity.range", { from: formatDate(starts_at, locale), to: formatDate(ends_at, locale) })
  if (starts_at) return t("rewards.validity.from", { date: formatDate(starts_at, locale) })
  if (ends_at) return t("rewards.validity.until", { date: formatDate(ends_at, locale) })
  return t("rewards.validity.always")
}

export type RewardStatus = "active" | "inactive" | "scheduled" | "expired"

/** Whether shoppers can redeem it now: switched on and inside its window. */
export function rewardStatus(reward: Pick<Reward, "is_active" | "starts_at" | "ends_at">, now = new Date()): RewardStatus {
  if (!reward.is_active) return "inactive"
  if (reward.ends_at && new Date(reward.ends_at) <= now) return "expired"
  if (reward.starts_at && new Date(reward.starts_at) > now) return "scheduled"
  return "active"
}

export const STATUS_COLORS = { active: "green", inactive: "grey", scheduled: "blue", expired: "orange" } as const
