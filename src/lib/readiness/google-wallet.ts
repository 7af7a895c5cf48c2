import { LOYALTY_MODULE } from "../../modules/loyalty"
import type LoyaltyModuleService from "../../modules/loyalty/service"
import { validateWalletSetupWorkflow } from "../../workflows/loyalty-wallet/workflows/validate-wallet-setup"
import type { ReadinessCheck, ReadinessEvidence, ReadinessLine, ReadinessStatus } from "./types"

/**
 * The Wallet validator (service account, token, issuer and class, origins, logo), the issuer's
 * environment (demo until Google grants publishing access), and the latest real-device check a
 * person recorded on the board (a saved pass shows the right balance after a purchase).
 */
export const checkGoogleWallet: ReadinessCheck = async ({ container, now }): Promise<ReadinessLine> => {
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  const checked_at = now.toISOString()
  const [{ result: validation }, [deviceCheck]] = await Promise.all([
    validateWalletSetupWorkflow(container).run(),
    loyalty.listLoyaltyReadinessRecords({ kind: "wallet_device_check" }, { take: 1, order: { created_at: "DESC" } }),
  ])
  const failed = validation.checks.filter((c) => !c.ok)
  const evidence: ReadinessEvidence[] = validation.checks.map((c) => ({
    label: `Wallet check ${c.id}`,
    value: c.ok ? `ok: ${c.message}` : `failed: ${c.message}${c.fix ? ` (${c.fix})` : ""}`,
    checked_at,
  }))
  evidence.push({ label: "Issuer environment", value: validation.environment, checked_at })
  evidence.push({
    label: "Real-device check (a saved pass showed the right balance after a purchase)",
    value: deviceCheck ? `recorded by ${deviceCheck.actor_user_id ?? "unknown"}${deviceCheck.note ? `: ${deviceCheck.note}` : ""}` : "not recorded",
    ...(deviceCheck ? { checked_at: new Date(deviceCheck.created_at as any).toISOString() } : {}),
    source: "readiness record",
  })
  const risks: string[] = []
  if (validation.environment !== "production") risks.push("the issuer is in demo mode: only its test accounts can save passes")
  if (!deviceCheck) risks.push("nobody has recorded the real-device check yet")
  const status: ReadinessStatus = failed.length ? "not_ready" : risks.length ? "ready_with_risks" : "ready"
  return {
    id: "google_wallet",
    status,
    summary: failed.length
      ? `The Google Wallet setup fails: ${failed.map((c) => `${c.id} (${c.message})`).join("; ")}`
      : risks.length
        ? `The Google Wallet setup validates, but ${risks.join("; ")}`
        : "The Google Wallet setup validates, the issuer is in production and a pass was checked on a real phone",
    evidence,
    fix_path: "/settings/loyalty-wallet",
  }
}
