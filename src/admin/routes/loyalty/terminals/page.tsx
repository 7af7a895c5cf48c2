import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Container, Heading, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { DailyTotalsSection } from "../../../components/terminals/daily-totals-section"
import { OfflineActionsSection } from "../../../components/terminals/offline-actions-section"
import { StaffSection } from "../../../components/terminals/staff-section"
import { StoresSection } from "../../../components/terminals/stores-section"

/**
 * Loyalty > Terminals: the stores with their paired tablets (pairing codes, rename, rotate,
 * revoke), the staff who sign in on them (PINs, locks and their history), the offline actions
 * waiting for review and what the tills did per day.
 */
const TerminalsPage = () => {
  const { t } = useTranslation("rewardflow")
  return (
    <div className="flex flex-col gap-y-3" data-testid="rewardflow-terminals-page">
      <Container className="px-6 py-4">
        <Heading level="h1">{t("terminals.title")}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {t("terminals.subtitle")}
        </Text>
      </Container>
      <StoresSection />
      <StaffSection />
      <OfflineActionsSection />
      <DailyTotalsSection />
    </div>
  )
}

// Under Loyalty in the sidebar, rank 5 (Program 1, Analytics 2, Go live 3).
export const config = defineRouteConfig({ label: "menu.terminals", translationNs: "rewardflow", rank: 5 })

export default TerminalsPage
