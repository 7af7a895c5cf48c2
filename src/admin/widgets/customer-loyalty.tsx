import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { DetailWidgetProps, AdminCustomer } from "@medusajs/framework/types"
import { Button, Container, Heading, Table, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useTranslation } from "react-i18next"
import { Link } from "react-router-dom"
import { AdjustPointsDrawer } from "../components/adjust-points-drawer"
import { MemberStatusBadge } from "../components/members/member-status-badge"
import { RedemptionsTable } from "../components/redemptions-table"
import { WalletPassLine } from "../components/wallet-pass-line"
import {
  enrollCustomer,
  fetchAccount,
  fetchCustomerAccount,
  fetchCustomerRedemptions,
  loyaltyKeys,
  type LoyaltyAccount,
} from "../lib/loyalty-api"
import { formatDate, formatSignedPoints, pointsText } from "../lib/loyalty-display"
import { localizedText } from "../../modules/loyalty/lib/localized-text"
import type { Translate } from "../lib/reward-display"

/** "14 March" in the admin's language (the year is not part of a birthday). */
const birthdayText = (birthday: NonNullable<LoyaltyAccount["birthday"]>, locale: string) =>
  typeof birthday === "string"
    ? birthday
    : new Date(Date.UTC(2000, birthday.month - 1, birthday.day)).toLocaleDateString(locale, { day: "numeric", month: "long", timeZone: "UTC" })

/** The member's tier, pending points, birthday and referral code, each shown when the account view has it. */
const ProgramDepthFacts = ({ account }: { account: LoyaltyAccount }) => {
  const { t: translate, i18n } = useTranslation("rewardflow")
  const t = translate as unknown as Translate
  const locale = i18n.language
  const fact = (label: string, value: string, testId: string) => (
    <div>
      <Text size="small" className="text-ui-fg-subtle">{label}</Text>
      <Text data-testid={testId}>{value}</Text>
    </div>
  )
  return (
    <>
      {account.tier !== undefined
        ? fact(t("customerLoyalty.tier"), account.tier ? localizedText(account.tier.name, locale) : t("customerLoyalty.noTier"), "rewardflow-tier")
        : null}
      {account.points_pending !== undefined
        ? fact(t("customerLoyalty.pending"), pointsText(t, account.points_pending, locale), "rewardflow-pending")
        : null}
      {account.birthday !== undefined
        ? fact(t("customerLoyalty.birthday"), account.birthday ? birthdayText(account.birthday, locale) : t("customerLoyalty.none"), "rewardflow-birthday")
        : null}
      {account.referral_code !== undefined
        ? fact(t("customerLoyalty.referralCode"), account.referral_code ?? t("customerLoyalty.none"), "rewardflow-referral-code")
        : null}
    </>
  )
}

/** Redemptions shown on the customer's card: the most recent, open ones among them. */
const RECENT_REDEMPTIONS = 5

/**
 * Customer page: the shopper's loyalty card, balance, Google Wallet pass, recent points and
 * rewards, a manual adjustment, and a link to the member's page (the whole ledger, block, card).
 */
const CustomerLoyaltyWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const { t: translate, i18n } = useTranslation("rewardflow")
  const t = translate as unknown as Translate
  const locale = i18n.language
  const queryClient = useQueryClient()
  const accountQuery = useQuery({
    queryKey: loyaltyKeys.customerAccount(customer.id),
    queryFn: () => fetchCustomerAccount(customer.id),
  })
  const accountId = accountQuery.data?.id
  const detailQuery = useQuery({
    queryKey: loyaltyKeys.account(accountId ?? "none"),
    queryFn: () => fetchAccount(accountId!),
    enabled: !!accountId,
  })
  const redemptionsQuery = useQuery({
    queryKey: loyaltyKeys.customerRedemptions(customer.id),
    queryFn: () => fetchCustomerRedemptions(customer.id, RECENT_REDEMPTIONS),
    enabled: !!accountId,
  })
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["rewardflow"] })
  const enroll = useMutation({
    mutationFn: () => enrollCustomer(customer.id),
    onSuccess: () => {
      toast.success(t("customerLoyalty.enrolled"))
      refresh()
    },
    onError: (e: Error) => toast.error(e.message),
  })

  const account = detailQuery.data?.account ?? accountQuery.data
  const loading = <Text size="small" className="text-ui-fg-subtle">{t("customerLoyalty.loading")}</Text>
  return (
    <Container className="divide-y p-0" data-testid="rewardflow-customer-loyalty">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">{t("customerLoyalty.heading")}</Heading>
        {account ? (
          <div className="flex items-center gap-x-2">
            <MemberStatusBadge status={account.status} />
            <Link
              to={`/loyalty/members/${account.id}`}
              className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover txt-compact-small"
              data-testid="rewardflow-member-link"
            >
              {t("customerLoyalty.openMember")}
            </Link>
            <AdjustPointsDrawer account={account} onAdjusted={refresh} />
          </div>
        ) : null}
      </div>
      {accountQuery.isLoading ? (
        <div className="px-6 py-4">{loading}</div>
      ) : accountQuery.isError ? (
        <Text className="px-6 py-4 text-ui-fg-error">{(accountQuery.error as Error).message}</Text>
      ) : !account ? (
        <div className="flex items-center justify-between px-6 py-4">
          <Text className="text-ui-fg-subtle">{t("customerLoyalty.notMember")}</Text>
          <Button size="small" variant="secondary" isLoading={enroll.isPending} onClick={() => enroll.mutate()}>
            {t("customerLoyalty.enroll")}
          </Button>
        </div>
      ) : (
        <>
          <div className="grid grid-cols-2 gap-4 px-6 py-4">
            <div>
              <Text size="small" className="text-ui-fg-subtle">{t("customerLoyalty.balance")}</Text>
              <Text size="xlarge" weight="plus" data-testid="rewardflow-balance">
                {pointsText(t, account.balance, locale)}
              </Text>
              {account.points_owed > 0 ? (
                <Text size="small" className="text-ui-fg-error" data-testid="rewardflow-owed">
                  {t("customerLoyalty.owedHint", { points: account.points_owed.toLocaleString(locale) })}
                </Text>
              ) : null}
            </div>
            <div>
              <Text size="small" className="text-ui-fg-subtle">{t("customerLoyalty.lifetime")}</Text>
              <Text weight="plus">{account.lifetime_earned.toLocaleString(locale)}</Text>
            </div>
            <div>
              <Text size="small" className="text-ui-fg-subtle">{t("customerLoyalty.cardNumber")}</Text>
              <Text className="font-mono" data-testid="rewardflow-card-number">{account.card_number_formatted}</Text>
            </div>
            <div>
              <Text size="small" className="text-ui-fg-subtle">{t("customerLoyalty.nextExpiry")}</Text>
              <Text>
                {account.next_expiry
                  ? t("customerLoyalty.nextExpiryValue", {
                      points: account.next_expiry.points.toLocaleString(locale),
                      date: formatDate(account.next_expiry.expires_at, locale),
                    })
                  : t("customerLoyalty.none")}
              </Text>
            </div>
            <ProgramDepthFacts account={account} />
          </div>
          {detailQuery.isLoading ? <div className="px-6 py-4">{loading}</div> : <WalletPassLine pass={detailQuery.data?.wallet_pass} />}
          <div className="px-6 py-4">
            <Text size="small" weight="plus" className="mb-2">{t("customerLoyalty.redemptions")}</Text>
            {redemptionsQuery.isLoading ? (
              loading
            ) : redemptionsQuery.isError ? (
              <Text size="small" className="text-ui-fg-error">{(redemptionsQuery.error as Error).message}</Text>
            ) : (
              <RedemptionsTable
                redemptions={redemptionsQuery.data?.redemptions ?? []}
                empty={t("customerLoyalty.noRedemptions")}
                testId="rewardflow-customer-redemptions"
              />
            )}
          </div>
          <div className="px-6 py-4">
            <Text size="small" weight="plus" className="mb-2">{t("customerLoyalty.recent")}</Text>
            {detailQuery.isLoading ? (
              loading
            ) : detailQuery.data?.entries.length ? (
              <Table data-testid="rewardflow-recent-points">
                <Table.Header>
                  <Table.Row>
                    <Table.HeaderCell>{t("ledger.columns.date")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("ledger.columns.type")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("ledger.columns.reason")}</Table.HeaderCell>
                    <Table.HeaderCell className="text-right">{t("ledger.columns.points")}</Table.HeaderCell>
                  </Table.Row>
                </Table.Header>
                <Table.Body>
                  {detailQuery.data.entries.map((e) => (
                    <Table.Row key={e.id}>
                      <Table.Cell>{formatDate(e.created_at, locale)}</Table.Cell>
                      <Table.Cell>{t(`ledger.types.${e.type}`)}</Table.Cell>
                      <Table.Cell>{e.reason ?? (e.source_type === "order" ? e.source_id : "")}</Table.Cell>
                      <Table.Cell className="text-right">{formatSignedPoints(e.points, locale)}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            ) : (
              <Text size="small" className="text-ui-fg-subtle">{t("customerLoyalty.noPoints")}</Text>
            )}
          </div>
        </>
      )}
    </Container>
  )
}

// The side column: Medusa 2.21's layout puts a main-column widget after all its own cards (the
// JSON card included), whatever the zone's before/after; the side column shows it at first sight.
export const config = defineWidgetConfig({
  zone: "customer.details.side.before",
})

export default CustomerLoyaltyWidget
