import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { findTestData } from "../../../lib/readiness/test-data"

export const findTestDataStepId = "find-loyalty-test-data"

/**
 * The ids the clean-up removes: accounts flagged `is_test` and orders whose metadata has
 * `rewardflow_test: true`. A read.
 *
 * @example
 * const { account_ids, order_ids } = findTestDataStep()
 */
export const findTestDataStep = createStep(findTestDataStepId, async (_: void, { container }) => {
  return new StepResponse(await findTestData(container))
})
