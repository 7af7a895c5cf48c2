import { z } from "@medusajs/framework/zod"

/** Spend points on the cart: a reward from the catalog, or a number of points as money. */
export const StoreApplyRedemption = z
  .object({
    reward_id: z.string().min(1).max(100).optional(),
    points: z.number().int().positive().max(1_000_000_000).optional(),
  })
  .strict()
  .refine((b) => (b.reward_id === undefined) !== (b.points === undefined), {
    message: "give either reward_id (a reward) or points (points as money), not both",
  })
export type StoreApplyRedemptionType = z.infer<typeof StoreApplyRedemption>
