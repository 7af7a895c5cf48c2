import { z } from "@medusajs/framework/zod"
import { LedgerPageParams } from "../../../store/loyalty/me/entries/validators"
import { BirthdayBody } from "../../../store/loyalty/me/validators"

/**
 * `q` matches the start of a card number (spaces and dashes ignored) or, word by word, the
 * customer's first name, last name or email; `tier_id` the member's tier.
 */
export const AdminListLoyaltyAccounts = z.object({
  q: z.string().trim().min(1).max(200).optional(),
  customer_id: z.string().min(1).max(100).optional(),
  status: z.enum(["active", "blocked"]).optional(),
  tier_id: z.string().trim().min(1).max(100).optional(),
  limit: LedgerPageParams.shape.limit,
  offset: LedgerPageParams.shape.offset,
})
export type AdminListLoyaltyAccountsType = z.infer<typeof AdminListLoyaltyAccounts>

/** Enrolls a customer from the admin (e.g. at the shopper's request in store). */
export const AdminEnrollCustomer = z.object({
  customer_id: z.string().min(1).max(100),
  locale: z.enum(["en", "fr", "de", "lb"]).optional(),
})
export type AdminEnrollCustomerType = z.infer<typeof AdminEnrollCustomer>

/** Blocks or unblocks an account, sets its locale or birthday (null removes it); points change only through adjustments. */
export const AdminUpdateLoyaltyAccount = z.object({
  status: z.enum(["active", "blocked"]).optional(),
  birthday: BirthdayBody.nullable().optional(),
  locale: z.enum(["en", "fr", "de", "lb"]).nullable().optional(),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  /** Test data (demo, journeys, a trial by hand): the go-live clean-up removes the account and its ledger. */
  is_test: z.boolean().optional(),
  /** Why the account is blocked or unblocked: kept in the account's status history with the admin and the time. */
  reason: z.string().trim().min(1, "reason must not be empty").max(500, "reason must be at most 500 characters").optional(),
})
  .refine((b) => b.reason === undefined || b.status !== undefined, { message: "reason is only taken with status", path: ["reason"] })
export type AdminUpdateLoyaltyAccountType = z.infer<typeof AdminUpdateLoyaltyAccount>

/** Paging of the entries returned with one account. */
export const AdminGetLoyaltyAccount = LedgerPageParams

export const AdminAdjustPoints = z.object({
  points: z
    .number()
    .int("points must be a whole number")
    .refine((p) => p !== 0, "points must not be 0")
    .refine((p) => Math.abs(p) <= 10_000_000, "points must be between -10000000 and 10000000"),
  reason: z.string().trim().min(1, "reason is required").max(500),
})
export type AdminAdjustPointsType = z.infer<typeof AdminAdjustPoints>
