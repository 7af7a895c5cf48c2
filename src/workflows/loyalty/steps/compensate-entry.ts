import type { MedusaContainer } from "@medusajs/framework/types"
import { COMPENSATION_KEY_PREFIX, LOYALTY_MODULE } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"

/**
 * Compensation shared by the ledger-writing steps: undoes the entry the step wrote, once.
 * `entryId` is null when the step found an earlier entry under its key, which stays.
 */
export async function compensateLedgerEntry(
  entryId: string | null | undefined,
  { container }: { container: MedusaContainer }
) {
  if (!entryId) return
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  await loyalty.reverseEntry({
    entry_id: entryId,
    idempotency_key: `${COMPENSATION_KEY_PREFIX}${entryId}`,
    // The undoing entry keeps the source (type and id) of the entry it undoes.
    reason: "Workflow compensation",
    metadata: { compensation: true },
  })
}
