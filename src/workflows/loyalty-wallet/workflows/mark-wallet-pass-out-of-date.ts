import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { markWalletPassOutOfDateStep } from "../steps/mark-wallet-pass-out-of-date"

export const markWalletPassOutOfDateWorkflowId = "mark-wallet-pass-out-of-date"

export type MarkWalletPassOutOfDateWorkflowInput = { account_id: string; error: string }

/**
 * Leaves an account's pass to the retry job: out of date, with the reason and a next attempt.
 * Used when a sync failed before it could record its own outcome (lock wait exceeded, crash).
 *
 * @example
 * await markWalletPassOutOfDateWorkflow(container).run({ input: { account_id, error } })
 */
export const markWalletPassOutOfDateWorkflow = createWorkflow(
  markWalletPassOutOfDateWorkflowId,
  (input: MarkWalletPassOutOfDateWorkflowInput) => new WorkflowResponse(markWalletPassOutOfDateStep(input))
)
