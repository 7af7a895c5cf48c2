import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { STATUS_HISTORY_KEY, withStatusChange } from "../status-history"

export const updateAccountStepId = "update-loyalty-account"

export type UpdateAccountStepInput = {
  id: string
  status?: "active" | "blocked"
  locale?: string | null
  metadata?: Record<string, unknown> | null
  /** Flags the account as test data (the go-live clean-up removes it). */
  is_test?: boolean
  /** Why the status changes (kept in the status history, with the acting admin). */
  reason?: string | null
  actor_user_id?: string | null
}

/**
 * Updates an account's status, locale or metadata (never its points: those change only
 * through the ledger). A change of status is appended to the account's status history (in its
 * metadata, which keeps that history whatever metadata a caller writes). Compensation restores
 * the previous values.
 *
 * @example
 * updateAccountStep({ id, status: "blocked", reason: "Card reported stolen", actor_user_id })
 */
export const updateAccountStep = createStep(
  updateAccountStepId,
  async (input: UpdateAccountStepInput, { container }) => {
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const { reason, actor_user_id, ...fields } = input
    const previous = (await loyalty.retrieveLoyaltyAccount(input.id)) as Record<string, any>
    const changes: Record<string, unknown> = { ...fields }
    const statusChanged = fields.status !== undefined && fields.status !== previous.status
    if (statusChanged || fields.metadata !== undefined) {
      const base = fields.metadata !== undefined ? fields.metadata : previous.metadata
      const history = previous.metadata?.[STATUS_HISTORY_KEY]
      changes.metadata = withStatusChange(base, history, statusChanged ? { status: fields.status!, reason: reason ?? null, actor_user_id: actor_user_id ?? null, at: new Date().toISOString() } : null)
    }
    const restore = Object.fromEntries(Object.keys(changes).map((k) => [k, previous[k]])) as UpdateAccountStepInput
    const updated = await loyalty.updateLoyaltyAccounts(changes as any)
    return new StepResponse(updated, restore)
  },
  async (restore, { container }) => {
    if (!restore) return
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    await loyalty.updateLoyaltyAccounts(restore as any)
  }
)
