import { z } from "@medusajs/framework/zod"

export const LOYALTY_LOCALES = ["en", "fr", "de", "lb"] as const

export const StoreEnrollLoyalty = z.object({
  locale: z.enum(LOYALTY_LOCALES).optional(),
  /** A member's referral code (from their link `?ref=CODE`); an unknown one does not stop the enrollment. */
  referral_code: z.string().trim().min(1).max(64).optional(),
})
export type StoreEnrollLoyaltyType = z.infer<typeof StoreEnrollLoyalty>
