import { StatusBadge } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import type { ReadinessStatus } from "../../lib/readiness-api"

const COLORS: Record<ReadinessStatus, "green" | "orange" | "red"> = { ready: "green", ready_with_risks: "orange", not_ready: "red" }

/** ready / ready with risks / not ready, translated, in the dashboard's status colours. */
export const ReadinessStatusBadge = ({ status, testId }: { status: ReadinessStatus; testId?: string }) => {
  const { t } = useTranslation("rewardflow")
  return (
    <StatusBadge color={COLORS[status] ?? "grey"} data-testid={testId} data-status={status}>
      {t(`go_live.status.${status}`, { defaultValue: status })}
    </StatusBadge>
  )
}
