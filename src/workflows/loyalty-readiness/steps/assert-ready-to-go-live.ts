import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { readinessBoard } from "../../../lib/readiness/board"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"

export const assertReadyToGoLiveStepId = "assert-loyalty-ready-to-go-live"

/** The refusal of a launch while lines are not ready: `reason: "not_ready"`, the line ids in `lines`. */
export type NotReadyError = MedusaError & { reason: "not_ready"; lines: string[] }

/**
 * Runs the go-live board and refuses (NOT_ALLOWED, reason `not_ready`) while any line is not
 * ready, naming each. Returns the program's id and the board as checked. A read.
 *
 * @example
 * const { program_id } = assertReadyToGoLiveStep()
 */
export const assertReadyToGoLiveStep = createStep(assertReadyToGoLiveStepId, async (_: void, { container }) => {
  const board = await readinessBoard(container)
  const blocking = board.lines.filter((l) => l.status === "not_ready")
  if (blocking.length) {
    const error = new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Cannot go live while ${blocking.length} line(s) are not ready: ${blocking.map((l) => `${l.id} (${l.summary})`).join("; ")}`
    ) as NotReadyError
    error.reason = "not_ready"
    error.lines = blocking.map((l) => l.id)
    throw error
  }
  const program = await container.resolve<LoyaltyModuleService>(LOYALTY_MODULE).getOrCreateDefaultProgram()
  return new StepResponse({ program_id: program.id as string, status: board.status, lines: board.lines.map((l) => ({ id: l.id, status: l.status })) })
})
