import { z } from "@medusajs/framework/zod"
import { REWARD_TYPES } from "../../../../modules/loyalty/types/rewards"
import { LedgerPageParams } from "../../../store/loyalty/me/entries/validators"

const Text = z.string().trim().min(1).max(500)
/** Per-locale text; English is required, it is the fallback for every other locale. */
const LocalizedName = z.object({ en: Text, fr: Text.optional(), de: Text.optional(), lb: Text.optional() }).strict()
const LocalizedDescription = z
  .object({ en: z.string().max(2000).optional(), fr: z.string().max(2000).optional(), de: z.string().max(2000).optional(), lb: z.string().max(2000).optional() })
  .strict()

/** Amounts per currency in major units (`{ "eur": 5 }`), keys lower-cased like Medusa's. */
const MoneyByCurrency = z
  .record(z.string(), z.number().positive().max(1_000_000_000))
  .superRefine((m, ctx) => {
    for (const code of Object.keys(m)) {
      if (!/^[a-zA-Z]{3}$/.test(code)) ctx.addIssue({ code: "custom", path: [code], message: `'${code}' is not a 3-letter ISO 4217 currency code (e.g. 'eur')` })
    }
    if (!Object.keys(m).length) ctx.addIssue({ code: "custom", message: "needs at least one currency" })
  })
  .transform((m) => Object.fromEntries(Object.entries(m).map(([c, v]) => [c.toLowerCase(), v])))

const DateInput = z
  .string()
  .datetime({ offset: true })
  .transform((s) => new Date(s))

const RewardFields = {
  name: LocalizedName,
  description: LocalizedDescription.nullable().optional(),
  points_cost: z.number().int().positive().max(1_000_000_000),
  type: z.enum(REWARD_TYPES),
  amounts: MoneyByCurrency.nullable().optional(),
  percentage: z.number().int().min(1).max(100).nullable().optional(),
  max_discount: MoneyByCurrency.nullable().optional(),
  variant_id: z.string().min(1).max(100).nullable().optional(),
  min_subtotal: MoneyByCurrency.nullable().optional(),
  starts_at: DateInput.nullable().optional(),
  ends_at: DateInput.nullable().optional(),
  per_customer_limit: z.number().int().positive().max(1_000_000).nullable().optional(),
  is_active: z.boolean().optional(),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
}

export const AdminCreateReward = z.object(RewardFields).strict()
export type AdminCreateRewardType = z.infer<typeof AdminCreateReward>

/** Any subset of the fields; the type's required fields are checked on the merged reward. */
export const AdminUpdateReward = z.object(RewardFields).partial().strict()
export type AdminUpdateRewardType = z.infer<typeof AdminUpdateReward>

export const AdminListRewards = z.object({
  is_active: z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean()).optional(),
  type: z.enum(REWARD_TYPES).optional(),
  limit: LedgerPageParams.shape.limit,
  offset: LedgerPageParams.shape.offset,
})
export type AdminListRewardsType = z.infer<typeof AdminListRewards>
