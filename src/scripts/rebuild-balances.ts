import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LOYALTY_MODULE } from "../modules/loyalty"
import type LoyaltyModuleService from "../modules/loyalty/service"

/**
 * Recomputes every cached loyalty balance from the ledger and reports drift.
 *
 *   npx medusa exec ./node_modules/medusa-plugin-rewardflow/.medusa/server/src/scripts/rebuild-balances.js
 *   npx medusa exec ./node_modules/medusa-plugin-rewardflow/.medusa/server/src/scripts/rebuild-balances.js --fix
 *
 * Without --fix it only reports; with --fix it rewrites the cached balances from the ledger.
 * Exits with code 1 when drift was found and not fixed, so it can guard a deploy.
 */
export default async function rebuildBalances({ container, args }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  const fix = (args ?? []).includes("--fix")
  const report = await loyalty.rebuildBalances({ fix })
  logger.info(`[rewardflow] checked ${report.accounts_checked} loyalty accounts`)
  for (const d of report.drift) {
    logger.warn(
      `[rewardflow] drift on ${d.account_id}: cached ${d.cached_balance}, ledger ${d.ledger_balance}, lots ${d.lot_balance}`
    )
  }
  if (!report.drift.length) {
    logger.info("[rewardflow] no drift: every cached balance equals its ledger")
  } else if (fix) {
    logger.info(`[rewardflow] rewrote ${report.drift.length} cached balances from the ledger`)
  } else {
    logger.warn("[rewardflow] run again with --fix to rewrite the cached balances from the ledger")
    process.exitCode = 1
  }
  return report
}
