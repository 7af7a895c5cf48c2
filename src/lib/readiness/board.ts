import type { MedusaContainer } from "@medusajs/framework/types"
import { LOYALTY_MODULE } from "../../modules/loyalty"
import type LoyaltyModuleService from "../../modules/loyalty/service"
import { checkBackgroundWork } from "./background-work"
import { checkDatabase } from "./database"
import { checkEmailDelivery } from "./email-delivery"
import { checkEmailTemplates } from "./email-templates"
import { checkGoogleWallet } from "./google-wallet"
import { checkJourneys } from "./journeys"
import { checkProgram } from "./program"
import { checkTemplateEditors } from "./template-editors"
import { checkTestData } from "./test-data"
import { checkTranslations } from "./translations"
import { READINESS_LINE_IDS, worstStatus, type ReadinessCheck, type ReadinessLine, type ReadinessLineId, type ReadinessStatus } from "./types"

/** Each line's check, in the board's order. */
export const READINESS_CHECKS: Record<ReadinessLineId, { check: ReadinessCheck; fix_path: string }> = {
  email_templates: { check: checkEmailTemplates, fix_path: "/settings/loyalty-emails" },
  email_delivery: { check: checkEmailDelivery, fix_path: "/settings/loyalty-emails" },
  google_wallet: { check: checkGoogleWallet, fix_path: "/settings/loyalty-wallet" },
  database: { check: checkDatabase, fix_path: "/loyalty/go-live" },
  translations: { check: checkTranslations, fix_path: "/loyalty/go-live" },
  template_editors: { check: checkTemplateEditors, fix_path: "/settings/loyalty-emails" },
  journeys: { check: checkJourneys, fix_path: "/loyalty/go-live" },
  program: { check: checkProgram, fix_path: "/loyalty/program" },
  test_data: { check: checkTestData, fix_path: "/loyalty/go-live" },
  background_work: { check: checkBackgroundWork, fix_path: "/loyalty/go-live" },
}

export type ReadinessBoard = {
  status: ReadinessStatus
  checked_at: string
  went_live_at: string | null
  went_live_by: string | null
  lines: ReadinessLine[]
}

/**
 * Runs every line's check at once (the slowest, a live SMTP or Wallet call, sets the time). A
 * check that throws is its line `not_ready` with the error: the board always answers whole.
 */
export async function readinessBoard(container: MedusaContainer, now = new Date()): Promise<ReadinessBoard> {
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  const [program, ...lines] = await Promise.all([
    loyalty.getOrCreateDefaultProgram(),
    ...READINESS_LINE_IDS.map(async (id): Promise<ReadinessLine> => {
      const { check, fix_path } = READINESS_CHECKS[id]
      try {
        return await check({ container, now })
      } catch (e) {
        return { id, status: "not_ready", summary: `The check could not run: ${(e as Error).message}`, evidence: [], fix_path }
      }
    }),
  ])
  const p = program as { went_live_at?: Date | string | null; went_live_by?: string | null }
  return {
    status: worstStatus(lines.map((l) => l.status)),
    checked_at: now.toISOString(),
    went_live_at: p.went_live_at ? new Date(p.went_live_at).toISOString() : null,
    went_live_by: p.went_live_by ?? null,
    lines,
  }
}
