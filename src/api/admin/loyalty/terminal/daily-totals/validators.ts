import { z } from "@medusajs/framework/zod"

/** A calendar day: 2026-13-01 or 2026-02-30 is refused, not read as another day. */
const isDay = (v: string) => {
  const d = new Date(`${v}T00:00:00Z`)
  return /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v
}
const date = z.string().refine(isDay, { message: "must be a date YYYY-MM-DD" })

/** `from` and `to` (UTC days, both included; default the last 7 days), `stock_location_id`. */
export const AdminTerminalDailyTotals = z.object({
  from: date.optional(),
  to: date.optional(),
  stock_location_id: z.string().min(1).max(100).optional(),
})

export type AdminTerminalDailyTotalsType = z.infer<typeof AdminTerminalDailyTotals>
