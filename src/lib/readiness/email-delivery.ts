import { LOYALTY_MESSAGING_MODULE } from "../../modules/loyalty-messaging"
import type { DiagnoseStep } from "../../modules/loyalty-messaging/lib/diagnose"
import type LoyaltyMessagingModuleService from "../../modules/loyalty-messaging/service"
import type { ReadinessCheck, ReadinessEvidence, ReadinessLine, ReadinessStatus } from "./types"

const TEST_MAIL_DAYS = 7
/** The diagnosis is live network work: kept short so the board answers fast even when a port is dropped. */
const DIAGNOSE_TIMEOUT_MS = 2000

type Diagnosis = { provider: string; target: string | null; steps: DiagnoseStep[]; note: string | null }

/**
 * The steps that decide delivery: DNS, the configured port, TLS and login. The other ports
 * (465 and 587 when another is configured) are evidence only: mail does not go through them.
 */
export function diagnosisProblems(d: Diagnosis): string[] {
  const configured = d.target
  return d.steps
    .filter((s) => s.status === "failed" && (s.step !== "tcp" || s.target === configured))
    .map((s) => `${s.step} ${s.target}: ${s.error ?? "failed"}`)
}

/**
 * Effective settings with their sources, the SMTP diagnosis (DNS, port, TLS, login) run now, and
 * a settings test mail sent successfully in the last 7 days.
 */
export const checkEmailDelivery: ReadinessCheck = async ({ container, now }): Promise<ReadinessLine> => {
  const messaging: LoyaltyMessagingModuleService = container.resolve(LOYALTY_MESSAGING_MODULE)
  const checked_at = now.toISOString()
  const since = new Date(now.getTime() - TEST_MAIL_DAYS * 86_400_000)
  const [described, [lastTest]] = await Promise.all([
    messaging.describeEmailSettings(),
    messaging.listLoyaltyEmailLogs(
      { template_key: "settings_test", status: "sent", sent_at: { $gte: since } } as any,
      { select: ["id", "recipient", "sent_at"], take: 1, order: { sent_at: "DESC" } }
    ),
  ])
  const evidence: ReadinessEvidence[] = Object.entries(described.settings).map(([name, s]) => ({
    label: `Email setting ${name}`,
    value: s.secret ? (s.is_set ? "set" : "not set") : ((s.value as string | number | boolean | null) ?? null),
    source: s.source ?? "unset",
    checked_at,
  }))
  const notReady: string[] = []
  const risks: string[] = []
  if (described.problem) notReady.push(described.problem)
  const provider = String(described.settings.provider?.value ?? "log")
  if (provider === "log") notReady.push("the provider is log: mails are only written to the server log, none is sent")

  let diagnosis: Diagnosis | null = null
  if (!notReady.length) {
    try {
      diagnosis = (await messaging.diagnose(DIAGNOSE_TIMEOUT_MS)) as Diagnosis
    } catch (e) {
      notReady.push(`the SMTP diagnosis could not run: ${(e as Error).message}`)
    }
  }
  if (diagnosis) {
    notReady.push(...diagnosisProblems(diagnosis))
    for (const s of diagnosis.steps) {
      evidence.push({ label: `SMTP diagnosis: ${s.step} ${s.target}`, value: s.status === "failed" ? `failed: ${s.error}` : `${s.status}${s.detail ? `: ${s.detail}` : ""}`, checked_at })
    }
  }
  evidence.push({
    label: `Settings test mail sent successfully in the last ${TEST_MAIL_DAYS} days`,
    value: lastTest ? `${new Date(lastTest.sent_at as any).toISOString()} to ${lastTest.recipient}` : "none",
    checked_at,
    source: "email log",
  })
  if (!lastTest) risks.push(`no settings test mail was sent successfully in the last ${TEST_MAIL_DAYS} days`)

  const status: ReadinessStatus = notReady.length ? "not_ready" : risks.length ? "ready_with_risks" : "ready"
  return {
    id: "email_delivery",
    status,
    summary: notReady.length
      ? `Mail cannot be delivered: ${notReady.join("; ")}`
      : risks.length
        ? `The mail server answers (${diagnosis?.target}), but ${risks.join("; ")}`
        : `The mail server answers (${diagnosis?.target}) and a test mail was delivered in the last ${TEST_MAIL_DAYS} days`,
    evidence,
    fix_path: "/settings/loyalty-emails",
  }
}
