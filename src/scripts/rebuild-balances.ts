import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LOYALTY_MODULE } from "../modules/loyalty"
import type LoyaltyModuleService from "../modules/loyalty/service"

/**
 * Checks every loyalty account against its ledger entries and reports drift: the cached balance,
 * points owed, lifetime points and pending points against the sums of the entries, the lots against the
 * entries that used and restored them.
 *
 *   npx medusa exec ./node_modules/medusa-plugin-rewardflow/.medusa/server/src/scripts/rebuild-balances.js
 *   npx medusa exec ./node_modules/medusa-plugin-rewardflow/.medusa/server/src/scripts/rebuild-balances.js --fix
 *
 * Without --fix it only reports; with --fix it rewrites each drifted account (caches and lots)
 * from its entries while holding the account's lock. Drift the entries cannot explain is left
 * alone and reported. Exits with code 1 when drift was found and not fixed, so it can guard a deploy.
 */
export default async function rebuildBalances({ container, args }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  const fix = (args ?? []).includes("--fix")
  const report = await loyalty.rebuildBalances({ fix })
  logger.info(`[rewardflow] checked ${report.accounts_checked} loyalty accounts`)
  for (const d of report.drift) {
    const lots = d.lots.map((l) => `${l.lot_id} holds ${l.remaining}, entries say ${l.expected}`).join("; ")
    logger.warn(
      `[rewardflow] drift on ${d.account_id}: balance cached ${d.cached_balance}, ledger ${d.ledger_balance}, lots ${d.lot_balance}; ` +
        `owed cached ${d.cached_points_owed}, ledger ${d.ledger_points_owed}; lifetime cached ${d.cached_lifetime_earned}, ledger ${d.ledger_lifetime_earned}` +
        (d.cached_points_pending !== undefined ? `; pending cached ${d.cached_points_pending}, ledger ${d.ledger_points_pending}` : "") +
        (lots ? `; lots: ${lots}` : "")
    )
  }
  for (const u of report.unrepairable) logger.error(`[rewardflow] ${u.account_id} cannot be repaired from its entries: ${u.problem}`)
  if (!report.drift.length) {
    logger.info("[rewardflow] no drift: every account equals its ledger")
  } else if (fix && !report.unrepairable.length) {
    logger.info(`[rewardflow] rewrote ${report.drift.length} account(s) from their entries`)
  } else {
    if (!fix) logger.warn("[rewardflow] run again with --fix to rewrite the drifted accounts from their entries")
    process.exitCode = 1
  }
  return report
}
