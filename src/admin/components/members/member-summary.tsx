import { Badge, Container, Heading, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { localizedText } from "../../../modules/loyalty/lib/localized-text"
import { formatDate, pointsText } from "../../lib/loyalty-display"
import { personName, type MemberDetail } from "../../lib/members-api"
import type { Translate } from "../../lib/reward-display"
import { AdjustPointsDrawer } from "../adjust-points-drawer"
import { MemberStatusBadge } from "./member-status-badge"

/** The member's heading (name, email, status, test flag) and their points: balance, reserved, owed, pending, lifetime, tier. */
export const MemberSummary = ({ detail, onAdjusted }: { detail: MemberDetail; onAdjusted: () => void }) => {
  const { t: translate, i18n } = useTranslation("rewardflow")
  const t = translate as unknown as Translate
  const locale = i18n.language
  const { account } = detail
  const figure = (id: string, label: string, value: string, tone?: string) => (
    <div>
      <Text size="small" className="text-ui-fg-subtle">{label}</Text>
      <Text size="large" weight="plus" className={tone} data-testid={`rewardflow-member-${id}`}>{value}</Text>
    </div>
  )
  return (
    <Container className="divide-y p-0" data-testid="rewardflow-member-summary">
      <div className="flex items-start justify-between gap-4 px-6 py-4">
        <div>
          <Heading level="h1">{personName(account.customer) ?? account.card_number_formatted}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {[account.customer?.email, t("members.enrolledOn", { date: formatDate(account.enrolled_at, locale) })].filter(Boolean).join(" · ")}
          </Text>
        </div>
        <div className="flex items-center gap-x-2">
          {account.is_test ? <Badge size="2xsmall" color="orange">{t("members.testBadge")}</Badge> : null}
          <MemberStatusBadge status={account.status} />
          <AdjustPointsDrawer account={account} onAdjusted={onAdjusted} />
        </div>
      </div>
      <div className="grid grid-cols-2 gap-4 px-6 py-4 md:grid-cols-3">
        {figure("balance", t("members.figures.balance"), pointsText(t, account.balance, locale))}
        {figure("reserved", t("members.figures.reserved"), pointsText(t, account.points_reserved, locale))}
        {figure("owed", t("members.figures.owed"), pointsText(t, account.points_owed, locale), account.points_owed > 0 ? "text-ui-fg-error" : undefined)}
        {figure("pending", t("members.figures.pending"), pointsText(t, account.points_pending ?? 0, locale))}
        {figure("lifetime", t("members.figures.lifetime"), pointsText(t, account.lifetime_earned, locale))}
        {figure("tier", t("members.figures.tier"), account.tier ? localizedText(account.tier.name, locale) : t("members.noTier"))}
      </div>
    </Container>
  )
}
