import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { LoyaltyEvents } from "../../../modules/loyalty/events"
import { updateAccountStep, type UpdateAccountStepInput } from "../steps/update-account"

export const updateLoyaltyAccountWorkflowId = "update-loyalty-account"

export type UpdateLoyaltyAccountWorkflowInput = UpdateAccountStepInput

/**
 * Blocks or unblocks an account, or changes its locale. A blocked account earns nothing and
 * cannot spend; its points stay on the ledger. Emits `loyalty.account_updated` (the Wallet pass
 * follows: a blocked account's pass turns inactive, a new locale changes its language).
 *
 * @example
 * await updateLoyaltyAccountWorkflow(container).run({ input: { id, status: "blocked", reason: "Card reported stolen", actor_user_id } })
 */
export const updateLoyaltyAccountWorkflow = createWorkflow(
  updateLoyaltyAccountWorkflowId,
  (input: UpdateLoyaltyAccountWorkflowInput) => {
    const account = updateAccountStep(input)
    emitEventStep({
      eventName: LoyaltyEvents.ACCOUNT_UPDATED,
      data: transform({ input, account }, ({ input, account }) => ({
        id: input.id,
        customer_id: (account as { customer_id?: string | null }).customer_id ?? null,
        // The reason and the actor go to the status history; they are no field of the account.
        fields: Object.keys(input).filter((k) => !["id", "reason", "actor_user_id"].includes(k)),
      })),
    })
    return new WorkflowResponse(account)
  }
)
