import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE, type EnrollInput, type EnrollResult } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"

export const enrollCustomerStepId = "enroll-customer-in-loyalty"

/**
 * Creates the customer's loyalty account (or finds it) and credits the welcome bonus
 * once. Enrollment is a durable fact: it is not undone when a later step fails.
 *
 * @example
 * const enrollment = enrollCustomerStep({ program_id, customer_id })
 */
export const enrollCustomerStep = createStep(
  enrollCustomerStepId,
  async (input: EnrollInput, { container }) => {
    const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
    const result: EnrollResult = await loyalty.enroll(input)
    return new StepResponse(result)
  }
)
