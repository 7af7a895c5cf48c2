import { z } from "@medusajs/framework/zod"

/** A birthday: month 1-12 and day 1-31 (a day the month does not have is refused as `invalid_birthday`). */
export const BirthdayBody = z
  .object({
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
  })
  .strict()

/** What a shopper may change on their account: the birthday (null removes it). */
export const StoreUpdateLoyaltyMe = z.object({
  birthday: BirthdayBody.nullable().optional(),
})
export type StoreUpdateLoyaltyMeType = z.infer<typeof StoreUpdateLoyaltyMe>
