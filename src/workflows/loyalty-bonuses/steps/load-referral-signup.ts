import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type { ReferralSignupFacts } from "../../../modules/loyalty/lib/ledger/referral-store"
import { normalizeReferralCode } from "../../../modules/loyalty/lib/referral"
import type LoyaltyModuleService from "../../../modules/loyalty/service"

export const loadReferralSignupStepId = "load-referral-signup"

/**
 * Reads what a sign-up with a referral code is judged on outside the loyalty module: the new
 * member's e-mail and whether they already ordered (as that customer, or as a guest with the
 * same e-mail), and the e-mail of the member the code names. Null without a code. Reads only.
 *
 * @example
 * const facts = loadReferralSignupStep({ code: "7KQ2MX9P", customer_id, program_id })
 */
export const loadReferralSignupStep = createStep(
  loadReferralSignupStepId,
  async (input: { code?: string | null; customer_id: string; program_id: string }, { container }) => {
    if (!input.code?.trim()) return new StepResponse<ReferralSignupFacts | null>(null)
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const [referrer] = await loyalty.listLoyaltyAccounts({ program_id: input.program_id, referral_code: normalizeReferralCode(input.code) }, { take: 1 })
    const ids = [input.customer_id, ...(referrer ? [referrer.customer_id] : [])]
    const { data: customers } = await query.graph({ entity: "customer", fields: ["id", "email"], filters: { id: ids } })
    const emailOf = (id: string) => (customers.find((c: { id: string }) => c.id === id) as { email?: string | null } | undefined)?.email ?? null
    const refereeEmail = emailOf(input.customer_id)
    const ordered = async (filters: Record<string, unknown>) =>
      (await query.graph({ entity: "order", fields: ["id"], filters, pagination: { take: 1 } })).data.length > 0
    const had_orders =
      (await ordered({ customer_id: input.customer_id })) ||
      (!!refereeEmail && (await ordered({ email: [...new Set([refereeEmail, refereeEmail.toLowerCase()])] })))
    return new StepResponse<ReferralSignupFacts | null>({
      code: input.code,
      referee_email: refereeEmail,
      referrer_account_id: referrer?.id ?? null,
      referrer_email: referrer ? emailOf(referrer.customer_id) : null,
      had_orders,
    })
  }
)
