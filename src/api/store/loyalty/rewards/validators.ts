import { z } from "@medusajs/framework/zod"

/**
 * `cart_id`: also say, per reward, whether it can be applied to that cart now (and why not);
 * `locale`: the language of the names (else `x-medusa-locale`, the shopper's, the program's).
 */
export const StoreListRewards = z.object({
  cart_id: z.string().trim().min(1).max(100).optional(),
  locale: z.string().trim().min(2).max(35).optional(),
})
export type StoreListRewardsType = z.infer<typeof StoreListRewards>
