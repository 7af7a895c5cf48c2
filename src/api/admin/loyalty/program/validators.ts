import { z } from "@medusajs/framework/zod"
import { isTimeZone } from "../../../../modules/loyalty/lib/expiry-dates"
import { LOYALTY_LOCALES } from "../../../store/loyalty/enroll/validators"

const EarnRate = z.object({
  points: z.number().positive().max(1_000_000),
  amount: z.number().positive().max(1_000_000),
})

/** Currency codes are ISO 4217, stored lower-case like Medusa's. */
const EarnRates = z
  .record(z.string(), EarnRate)
  .superRefine((rates, ctx) => {
    for (const code of Object.keys(rates)) {
      if (!/^[a-zA-Z]{3}$/.test(code)) {
        ctx.addIssue({
          code: "custom",
          path: [code],
          message: `earn_rates: '${code}' is not a 3-letter ISO 4217 currency code (e.g. 'eur')`,
        })
      }
    }
  })
  .transform((rates) =>
    Object.fromEntries(Object.entries(rates).map(([code, rate]) => [code.toLowerCase(), rate]))
  )

/** Points as money: what one point is worth per currency, and the largest share of a cart points may pay. */
const PointsAsMoney = z
  .object({
    enabled: z.boolean(),
    value_per_point: z.record(z.string().regex(/^[a-zA-Z]{3}$/, "must be a 3-letter ISO 4217 currency code"), z.number().positive().max(1_000_000)),
    max_cart_share: z.number().gt(0).max(1),
  })
  .strict()
  .transform((p) => ({
    ...p,
    value_per_point: Object.fromEntries(Object.entries(p.value_per_point).map(([c, v]) => [c.toLowerCase(), v])),
  }))

const Decimal = (field: string) =>
  z
    .union([z.number(), z.string().trim()])
    .transform((v) => String(v))
    .refine((v) => /^\d+(\.\d{1,10})?$/.test(v), `must be a decimal number such as 0.01 (${field})`)

/**
 * The liability estimate (IFRS 15): what a point is worth when redeemed, in one currency, and the
 * share of points expected to be redeemed. Each one saved is kept; it applies from `effective_at`
 * (default: now) to what is earned from then on.
 */
export const LiabilityEstimateInput = z
  .object({
    currency_code: z
      .string()
      .regex(/^[a-zA-Z]{3}$/, "must be a 3-letter ISO 4217 currency code")
      .transform((c) => c.toLowerCase()),
    point_value: Decimal("money per point").refine((v) => Number(v) > 0, "must be more than 0"),
    expected_redemption_rate: Decimal("a share from 0 to 1").refine((v) => Number(v) > 0 && Number(v) <= 1, "must be more than 0 and at most 1 (0.97 = 97 %)"),
    effective_at: z.coerce.date().optional(),
  })
  .strict()

export const AdminUpdateLoyaltyProgram = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  status: z.enum(["active", "paused"]).optional(),
  earn_rates: EarnRates.optional(),
  rounding: z.enum(["floor", "nearest"]).optional(),
  count_shipping: z.boolean().optional(),
  count_taxes: z.boolean().optional(),
  welcome_bonus_points: z.number().int().min(0).max(10_000_000).optional(),
  points_validity_months: z.number().int().min(1).max(600).nullable().optional(),
  auto_enroll: z.boolean().optional(),
  default_locale: z.enum(LOYALTY_LOCALES).optional(),
  points_as_money: PointsAsMoney.nullable().optional(),
  validity_end_of_month: z.boolean().optional(),
  activity_extends_validity: z.boolean().optional(),
  pending_days: z.number().int().min(1).max(365).nullable().optional(),
  tier_basis: z.enum(["points_earned", "money_spent"]).optional(),
  tier_period: z.enum(["rolling_12_months", "calendar_year"]).optional(),
  tier_grace_days: z.number().int().min(0).max(365).optional(),
  tier_currency_code: z
    .string()
    .regex(/^[a-zA-Z]{3}$/, "must be a 3-letter ISO 4217 currency code")
    .transform((c) => c.toLowerCase())
    .nullable()
    .optional(),
  time_zone: z
    .string()
    .min(1)
    .max(64)
    .refine(isTimeZone, "must be an IANA time zone such as Europe/Luxembourg")
    .optional(),
  birthday_bonus_points: z.number().int().min(0).max(10_000_000).optional(),
  referral_referrer_points: z.number().int().min(0).max(10_000_000).optional(),
  referral_referee_points: z.number().int().min(0).max(10_000_000).optional(),
  referral_weekly_limit: z.number().int().min(0).max(1000).optional(),
  sales_channel_ids: z.array(z.string().min(1)).max(100).optional(),
  liability_estimate: LiabilityEstimateInput.optional(),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
})
export type AdminUpdateLoyaltyProgramType = z.infer<typeof AdminUpdateLoyaltyProgram>
