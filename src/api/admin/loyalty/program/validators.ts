import { z } from "@medusajs/framework/zod"
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
  sales_channel_ids: z.array(z.string().min(1)).max(100).optional(),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
})
export type AdminUpdateLoyaltyProgramType = z.infer<typeof AdminUpdateLoyaltyProgram>
