import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Container, Heading, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import {
  BirthdaySection,
  ExpirySection,
  PendingPointsSection,
  ReferralSection,
  TierRulesSection,
} from "../../../components/program/program-settings-sections"
import { TiersSection } from "../../../components/program/tiers-section"
import { GeneralSection } from "../../../components/program/general-section"
import { EarningSection } from "../../../components/program/earning-section"
import { SalesChannelsSection } from "../../../components/program/sales-channels-section"
import { LiabilityEstimateSection } from "../../../components/program/liability-estimate-section"

/**
 * Loyalty > Program: the program's basics (general settings, earning, sales channels, the
 * liability estimate), the tiers and the program's rules (tier rules, pending points, birthday
 * bonus and time zone, referrals, expiry). Each section saves its own fields.
 */
const ProgramPage = () => {
  const { t } = useTranslation("rewardflow")
  return (
    <div className="flex flex-col gap-y-3" data-testid="rewardflow-program">
      <Container className="px-6 py-4">
        <Heading level="h1">{t("program.title")}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {t("program.subtitle")}
        </Text>
      </Container>
      <GeneralSection />
      <EarningSection />
      <SalesChannelsSection />
      <LiabilityEstimateSection />
      <TiersSection />
      <TierRulesSection />
      <PendingPointsSection />
      <BirthdaySection />
      <ReferralSection />
      <ExpirySection />
    </div>
  )
}

// Under Loyalty in the sidebar: a route below another route with a label is its sub-item.
export const config = defineRouteConfig({ label: "menu.program", translationNs: "rewardflow", rank: 1 })

export default ProgramPage
