import { z } from "@medusajs/framework/zod"

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
  .refine((s) => {
    const [y, m, d] = s.split("-").map(Number)
    const t = new Date(Date.UTC(y, m - 1, d))
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d
  }, "is not a calendar date")

const Id = z.string().trim().min(1).max(100)

/** The filters every analytics report takes (README "Analytics"). */
export const AdminAnalyticsQuery = z
  .object({
    from: Day.optional(),
    to: Day.optional(),
    interval: z.enum(["month", "week", "day"]).optional(),
    sales_channel_id: Id.optional(),
    stock_location_id: Id.optional(),
    currency_code: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{3}$/, "must be a three-letter ISO 4217 code")
      .transform((c) => c.toLowerCase())
      .optional(),
    include_test: z
      .enum(["true", "false"])
      .transform((v) => v === "true")
      .optional(),
    format: z.enum(["json", "csv"]).optional(),
    locale: z.enum(["en", "fr", "de", "lb"]).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from > q.to) {
      ctx.addIssue({ code: "custom", path: ["from"], message: `must be on or before to (${q.to})` })
    }
    if (q.from && q.to) {
      const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000
      const interval = q.interval ?? "month"
      if (interval === "day" && days > 731) ctx.addIssue({ code: "custom", path: ["interval"], message: "day covers at most 2 years: choose week or month" })
      if (days > 366 * 20) ctx.addIssue({ code: "custom", path: ["from"], message: "covers at most 20 years" })
    }
  })
export type AdminAnalyticsQueryType = z.infer<typeof AdminAnalyticsQuery>
