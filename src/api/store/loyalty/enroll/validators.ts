import { z } from "@medusajs/framework/zod"

export const LOYALTY_LOCALES = ["en", "fr", "de", "lb"] as const

export const StoreEnrollLoyalty = z.object({
  locale: z.enum(LOYALTY_LOCALES).optional(),
})
export type StoreEnrollLoyaltyType = z.infer<typeof StoreEnrollLoyalty>
