import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { Container, Heading, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { useTranslation } from "react-i18next"
import { Link } from "react-router-dom"
import { RedemptionsTable } from "../components/redemptions-table"
import { fetchOrderLoyalty, loyaltyKeys } from "../lib/loyalty-api"
import { formatSignedPoints, pointsText } from "../lib/loyalty-display"
import type { Translate } from "../lib/reward-display"

/**
 * Order page: the points this order earned (and took back when canceled), the rewards spent on
 * it, and the customer's card with its current balance.
 */
const OrderLoyaltyWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  const { t: translate, i18n } = useTranslation("rewardflow")
  const t = translate as unknown as Translate
  const locale = i18n.language
  const { data, isLoading, isError, error } = useQuery({
    queryKey: loyaltyKeys.order(order.id),
    queryFn: () => fetchOrderLoyalty(order.id),
  })

  const body = () => {
    if (isLoading) return <Text size="small" className="px-6 py-4 text-ui-fg-subtle">{t("customerLoyalty.loading")}</Text>
    if (isError) return <Text size="small" className="px-6 py-4 text-ui-fg-error">{(error as Error).message}</Text>
    if (!data) return null
    const { account, entries, redemptions, points } = data
    if (!account && !entries.length && !redemptions.length) {
      return (
        <Text size="small" className="px-6 py-4 text-ui-fg-subtle" data-testid="rewardflow-order-empty">
          {data.order.customer_id ? t("orderLoyalty.notMember") : t("orderLoyalty.guest")}
        </Text>
      )
    }
    const earned = entries.some((e) => e.type === "earn")
    return (
      <>
        <div className="flex flex-col gap-y-2 px-6 py-4">
          {earned ? (
            <div className="flex items-center justify-between">
              <Text size="small" className="text-ui-fg-subtle">{t("orderLoyalty.earned")}</Text>
              <Text size="small" weight="plus" data-testid="rewardflow-order-earned">
                {formatSignedPoints(points.earned, locale)}
              </Text>
            </div>
          ) : (
            <Text size="small" className="text-ui-fg-subtle" data-testid="rewardflow-order-no-points">
              {t("orderLoyalty.noPoints")}
            </Text>
          )}
          {points.reversed ? (
            <div className="flex items-center justify-between">
              <Text size="small" className="text-ui-fg-subtle">{t("orderLoyalty.reversed")}</Text>
              <Text size="small" weight="plus" data-testid="rewardflow-order-reversed">
                {formatSignedPoints(points.reversed, locale)}
              </Text>
            </div>
          ) : null}
          {points.owed ? (
            <div className="flex items-center justify-between">
              <Text size="small" className="text-ui-fg-subtle">{t("orderLoyalty.owed")}</Text>
              <Text size="small" weight="plus" className="text-ui-fg-error" data-testid="rewardflow-order-owed">
                {points.owed.toLocaleString(locale)}
              </Text>
            </div>
          ) : null}
        </div>
        <div className="px-6 py-4">
          <Text size="small" weight="plus" className="mb-2">{t("orderLoyalty.rewards")}</Text>
          <RedemptionsTable redemptions={redemptions} empty={t("orderLoyalty.noRewards")} testId="rewardflow-order-redemptions" />
        </div>
        {account ? (
          <div className="flex flex-col gap-y-2 px-6 py-4">
            <div className="flex items-center justify-between">
              <Text size="small" className="text-ui-fg-subtle">{t("orderLoyalty.card")}</Text>
              <Text size="small" className="font-mono" data-testid="rewardflow-order-card">{account.card_number_formatted}</Text>
            </div>
            <div className="flex items-center justify-between">
              <Text size="small" className="text-ui-fg-subtle">{t("orderLoyalty.balance")}</Text>
              <Text size="small" weight="plus" data-testid="rewardflow-order-balance">{pointsText(t, account.balance, locale)}</Text>
            </div>
            <Link to={`/customers/${account.customer_id}`} className="txt-compact-small text-ui-fg-interactive hover:text-ui-fg-interactive-hover">
              {t("orderLoyalty.viewCustomer")}
            </Link>
          </div>
        ) : null}
      </>
    )
  }

  return (
    <Container className="divide-y p-0" data-testid="rewardflow-order-loyalty">
      <div className="px-6 py-4">
        <Heading level="h2">{t("orderLoyalty.heading")}</Heading>
      </div>
      {body()}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "order.details.side.after",
})

export default OrderLoyaltyWidget
