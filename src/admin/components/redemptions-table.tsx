import { Badge, Table, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import type { AdminRedemption } from "../lib/loyalty-api"
import { formatDate, formatSignedPoints, REDEMPTION_STATUS_COLORS, redemptionTitle } from "../lib/loyalty-display"
import type { Translate } from "../lib/reward-display"

/** Redemptions as a merchant reads them: when, which reward, the points, the status and the code. */
export const RedemptionsTable = ({ redemptions, empty, testId }: { redemptions: AdminRedemption[]; empty: string; testId: string }) => {
  const { t: translate, i18n } = useTranslation("rewardflow")
  const t = translate as unknown as Translate
  if (!redemptions.length) {
    return (
      <Text size="small" className="text-ui-fg-subtle" data-testid={testId}>
        {empty}
      </Text>
    )
  }
  return (
    <Table data-testid={testId}>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>{t("redemption.columns.date")}</Table.HeaderCell>
          <Table.HeaderCell>{t("redemption.columns.reward")}</Table.HeaderCell>
          <Table.HeaderCell>{t("redemption.columns.status")}</Table.HeaderCell>
          <Table.HeaderCell>{t("redemption.columns.code")}</Table.HeaderCell>
          <Table.HeaderCell className="text-right">{t("redemption.columns.points")}</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {redemptions.map((r) => (
          <Table.Row key={r.id} data-redemption-id={r.id}>
            <Table.Cell>{formatDate(r.created_at, i18n.language)}</Table.Cell>
            <Table.Cell>{redemptionTitle(t, r, i18n.language)}</Table.Cell>
            <Table.Cell>
              <Badge size="2xsmall" color={REDEMPTION_STATUS_COLORS[r.status]}>
                {t(`redemption.status.${r.status}`)}
              </Badge>
            </Table.Cell>
            <Table.Cell className="font-mono">{r.promotion_code ?? "–"}</Table.Cell>
            <Table.Cell className="text-right">{formatSignedPoints(-r.points, i18n.language)}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}
