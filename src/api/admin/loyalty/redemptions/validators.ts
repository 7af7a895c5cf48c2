import { z } from "@medusajs/framework/zod"
import { REDEMPTION_STATUSES, type RedemptionStatus } from "../../../../modules/loyalty/types/rewards"
import { LedgerPageParams } from "../../../store/loyalty/me/entries/validators"

const Id = z.string().trim().min(1).max(100)

/** `status` is one status or several, comma-separated (`reserved,pending`) or repeated. */
const Statuses = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(",")).map((s) => s.trim()))
  .superRefine((list, ctx) => {
    const unknown = list.filter((s) => !(REDEMPTION_STATUSES as readonly string[]).includes(s))
    if (unknown.length || !list.length) {
      ctx.addIssue({
        code: "custom",
        message: `status '${unknown.join(",")}' is not a redemption status (${REDEMPTION_STATUSES.join(", ")})`,
      })
    }
  })
  .transform((list) => list as RedemptionStatus[])

/** Redemptions, newest first; every filter is optional and they combine. */
export const AdminListRedemptions = z
  .object({
    order_id: Id.optional(),
    cart_id: Id.optional(),
    account_id: Id.optional(),
    customer_id: Id.optional(),
    status: Statuses.optional(),
    limit: LedgerPageParams.shape.limit,
    offset: LedgerPageParams.shape.offset,
  })
  .strict()
export type AdminListRedemptionsType = z.infer<typeof AdminListRedemptions>
