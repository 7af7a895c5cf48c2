import {
  REWARD_LOCALES,
  type MoneyByCurrency,
  type Reward,
  type RewardBody,
  type RewardLocale,
  type RewardType,
  type VariantChoice,
} from "./rewards-api"

type Texts = Record<RewardLocale, string>
/** Amounts as typed, per currency ("" when empty). */
type MoneyInputs = Record<string, string>

/** The reward form as typed: text inputs stay strings until they are sent. */
export type RewardFormState = {
  name: Texts
  description: Texts
  points_cost: string
  type: RewardType
  amounts: MoneyInputs
  percentage: string
  max_discount: MoneyInputs
  variant: VariantChoice | null
  min_subtotal: MoneyInputs
  starts_at: Date | null
  ends_at: Date | null
  per_customer_limit: string
  is_active: boolean
}

const texts = (from?: Partial<Record<RewardLocale, string>> | null): Texts =>
  Object.fromEntries(REWARD_LOCALES.map((l) => [l, from?.[l] ?? ""])) as Texts

const moneyInputs = (from: MoneyByCurrency | null | undefined): MoneyInputs =>
  Object.fromEntries(Object.entries(from ?? {}).map(([c, v]) => [c, String(v)]))

export function emptyRewardForm(): RewardFormState {
  return {
    name: texts(),
    description: texts(),
    points_cost: "",
    type: "fixed_amount",
    amounts: {},
    percentage: "",
    max_discount: {},
    variant: null,
    min_subtotal: {},
    starts_at: null,
    ends_at: null,
    per_customer_limit: "",
    is_active: true,
  }
}

export function rewardToForm(reward: Reward, variant: VariantChoice | null): RewardFormState {
  return {
    name: texts(reward.name),
    description: texts(reward.description),
    points_cost: String(reward.points_cost),
    type: reward.type,
    amounts: moneyInputs(reward.amounts),
    percentage: reward.percentage == null ? "" : String(reward.percentage),
    max_discount: moneyInputs(reward.max_discount),
    variant: variant ?? (reward.variant_id ? { id: reward.variant_id, title: null, sku: null, product_title: reward.variant_id } : null),
    min_subtotal: moneyInputs(reward.min_subtotal),
    starts_at: reward.starts_at ? new Date(reward.starts_at) : null,
    ends_at: reward.ends_at ? new Date(reward.ends_at) : null,
    per_customer_limit: reward.per_customer_limit == null ? "" : String(reward.per_customer_limit),
    is_active: reward.is_active,
  }
}

/** Numbers for the filled-in currencies; null when none is filled in. */
function money(inputs: MoneyInputs): MoneyByCurrency | null {
  const filled = Object.entries(inputs).filter(([, v]) => v.trim() !== "")
  return filled.length ? Object.fromEntries(filled.map(([c, v]) => [c, Number(v)])) : null
}

const nonEmpty = (t: Texts) => Object.fromEntries(Object.entries(t).filter(([, v]) => v.trim() !== "").map(([l, v]) => [l, v.trim()]))
const numberOrNull = (s: string) => (s.trim() === "" ? null : Number(s))

/**
 * The request body. Only the chosen type's fields carry values; the others are sent as null so
 * that a reward whose type changed keeps nothing of its old type. Checks beyond the shape of the
 * inputs (a percentage for a percentage reward, a window that ends after it starts...) are the
 * API's: its message is shown as it is.
 */
export function formToBody(form: RewardFormState): RewardBody {
  const description = nonEmpty(form.description)
  return {
    name: nonEmpty(form.name) as RewardBody["name"],
    description: Object.keys(description).length ? description : null,
    points_cost: form.points_cost.trim() === "" ? 0 : Number(form.points_cost),
    type: form.type,
    amounts: form.type === "fixed_amount" ? money(form.amounts) : null,
    percentage: form.type === "percentage" ? numberOrNull(form.percentage) : null,
    max_discount: form.type === "percentage" ? money(form.max_discount) : null,
    variant_id: form.type === "free_product" ? form.variant?.id ?? null : null,
    min_subtotal: money(form.min_subtotal),
    starts_at: form.starts_at ? form.starts_at.toISOString() : null,
    ends_at: form.ends_at ? form.ends_at.toISOString() : null,
    per_customer_limit: numberOrNull(form.per_customer_limit),
    is_active: form.is_active,
  }
}
