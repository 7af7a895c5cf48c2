import { z } from "@medusajs/framework/zod"
import { REFERRAL_STATUSES, type ReferralStatus } from "../../../../modules/loyalty/lib/referral"
import { LedgerPageParams } from "../../../store/loyalty/me/entries/validators"

/** `status` is one status or several, comma-separated (`signed_up,qualified`) or repeated. */
const Statuses = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(",")).map((s) => s.trim()))
  .superRefine((list, ctx) => {
    const unknown = list.filter((s) => !(REFERRAL_STATUSES as readonly string[]).includes(s))
    if (unknown.length || !list.length) {
      ctx.addIssue({ code: "custom", message: `status '${unknown.join(",")}' is not a referral status (${REFERRAL_STATUSES.join(", ")})` })
    }
  })
  .transform((list) => list as ReferralStatus[])

/** Referrals, newest first; `account_id` matches the referrer or the referee. */
export const AdminListReferrals = z
  .object({
    account_id: z.string().trim().min(1).max(100).optional(),
    status: Statuses.optional(),
    limit: LedgerPageParams.shape.limit,
    offset: LedgerPageParams.shape.offset,
  })
  .strict()
export type AdminListReferralsType = z.infer<typeof AdminListReferrals>
