import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LOYALTY_MODULE } from "../modules/loyalty"
import type LoyaltyModuleService from "../modules/loyalty/service"
import { evaluateLoyaltyTierWorkflow } from "../workflows/loyalty-tiers/workflows/evaluate-loyalty-tier"
import { recordedJob } from "../lib/job-runs"

const PAGE = 200

export type EvaluateTiersResult = {
  evaluated: number
  /** The moves made, per account. */
  changed: { account_id: string; from_tier_id: string | null; to_tier_id: string | null; direction: "up" | "down" }[]
  failed: { account_id: string; error: string }[]
}

/**
 * Daily: evaluates the tier of every member holding one (or in a grace period, or whose points
 * reach the lowest tier): the grace period starts for members found below their tier's
 * threshold, and those still below when it is over move down to the tier their value reaches.
 * One member's failure does not stop the others; each is evaluated under its own account lock.
 */
async function evaluateLoyaltyTiers(container: MedusaContainer, { now = new Date() }: { now?: Date } = {}): Promise<EvaluateTiersResult> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  const result: EvaluateTiersResult = { evaluated: 0, changed: [], failed: [] }
  const programs = await loyalty.listLoyaltyPrograms({}, { select: ["id"] })
  for (const program of programs) {
    let after = ""
    for (;;) {
      const ids = await loyalty.listTierEvaluationCandidates({ program_id: program.id, now, after, limit: PAGE })
      for (const account_id of ids) {
        try {
          const { result: evaluation } = await evaluateLoyaltyTierWorkflow(container).run({
            input: { account_id, now: now.toISOString(), trigger: "job" },
          })
          result.evaluated++
          const change = evaluation.change
          if (change) result.changed.push({ account_id, from_tier_id: change.from_tier_id, to_tier_id: change.to_tier_id, direction: change.direction })
        } catch (e) {
          result.failed.push({ account_id, error: (e as Error).message })
          logger.error(`[rewardflow] tier of account ${account_id} not evaluated: ${(e as Error).message}`)
        }
      }
      if (ids.length < PAGE) break
      after = ids[ids.length - 1]
    }
  }
  if (result.changed.length || result.failed.length) {
    logger.info(`[rewardflow] tiers: ${result.evaluated} members evaluated, ${result.changed.length} moved, ${result.failed.length} failed`)
  }
  return result
}

export const config = {
  name: "rewardflow-evaluate-tiers",
  schedule: "41 3 * * *",
}

/** Each run is recorded for the go-live board (src/lib/job-runs.ts). */
export default recordedJob(config, evaluateLoyaltyTiers)
