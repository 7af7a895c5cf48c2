import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { checkLedgerStep } from "../steps/check-ledger"
import { findTestDataStep } from "../steps/find-test-data"
import { recordReadinessStep } from "../steps/record-readiness"
import { removeTestAccountsStep } from "../steps/remove-test-accounts"
import { removeTestSideDataStep } from "../steps/remove-test-side-data"
import { softDeleteTestOrdersStep } from "../steps/soft-delete-test-orders"

export const cleanUpTestDataWorkflowId = "clean-up-loyalty-test-data"

export type CleanUpTestDataWorkflowInput = { actor_user_id: string | null }

/**
 * Removes only what is flagged as test: accounts with `is_test` and all the plugin keeps of
 * them, and orders with `metadata.rewardflow_test` (soft-deleted). Then checks the ledger's
 * invariants (the rebuild report: drift must be 0) and records a `test_cleanup` readiness record.
 *
 * @example
 * const { result } = await cleanUpTestDataWorkflow(container).run({ input: { actor_user_id } })
 * // result.removed.accounts, result.invariants.drift
 */
export const cleanUpTestDataWorkflow = createWorkflow(cleanUpTestDataWorkflowId, (input: CleanUpTestDataWorkflowInput) => {
  const found = findTestDataStep()
  const side = removeTestSideDataStep(transform({ found }, ({ found }) => ({ account_ids: found.account_ids })))
  const loyalty = removeTestAccountsStep(transform({ found }, ({ found }) => ({ account_ids: found.account_ids, order_ids: found.order_ids })))
  const orders = softDeleteTestOrdersStep(transform({ found }, ({ found }) => ({ order_ids: found.order_ids })))
  const invariants = checkLedgerStep()
  const result = transform({ side, loyalty, orders, invariants }, ({ side, loyalty, orders, invariants }) => {
    const { account_ids: _ids, ...counts } = loyalty
    return { removed: { ...counts, orders, ...side }, invariants }
  })
  recordReadinessStep(
    transform({ input, result }, ({ input, result }) => ({
      kind: "test_cleanup" as const,
      passed: result.invariants.drift === 0,
      actor_user_id: input.actor_user_id,
      details: result as unknown as Record<string, unknown>,
    }))
  )
  return new WorkflowResponse(result)
})
