import { Container, type DataTablePaginationState, Text } from "@medusajs/ui"
import { keepPreviousData, useQueries, useQuery, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { Link, useParams } from "react-router-dom"
import { MemberCard } from "../../../../components/members/member-card"
import { MemberLedger } from "../../../../components/members/member-ledger"
import { MemberStatusCard } from "../../../../components/members/member-status-card"
import { MemberSummary } from "../../../../components/members/member-summary"
import { WalletPassLine } from "../../../../components/wallet-pass-line"
import { fetchMember, memberKeys, personName } from "../../../../lib/members-api"
import { sdk } from "../../../../lib/sdk"

const PAGE_SIZE = 20

/** The admins named in the status history, by id (their names, else their emails). */
function useAdminNames(ids: string[]): Record<string, string> {
  const users = useQueries({
    queries: ids.map((id) => ({
      queryKey: ["rewardflow", "user", id],
      queryFn: () => sdk.admin.user.retrieve(id, { fields: "id,email,first_name,last_name" }),
      retry: false,
    })),
  })
  return Object.fromEntries(users.flatMap((u) => (u.data ? [[u.data.user.id, personName(u.data.user) ?? u.data.user.id]] : [])))
}

/**
 * A member: their points, card (barcode and QR code), Google Wallet pass, the whole ledger,
 * adjustments, block and unblock with a reason, and the test-data flag.
 */
const MemberPage = () => {
  const { id } = useParams<{ id: string }>()
  const { t } = useTranslation("rewardflow")
  const queryClient = useQueryClient()
  const [pagination, setPagination] = useState<DataTablePaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE })
  const offset = pagination.pageIndex * pagination.pageSize
  const member = useQuery({
    queryKey: [...memberKeys.all, "detail", id, pagination.pageSize, offset],
    queryFn: () => fetchMember(id!, pagination.pageSize, offset),
    placeholderData: keepPreviousData,
    enabled: !!id,
  })
  const historyAdmins = [...new Set((member.data?.account.status_history ?? []).map((c) => c.actor_user_id).filter((v): v is string => !!v))]
  const adminNames = useAdminNames(historyAdmins)
  // Every RewardFlow view of this member (the list, the customer widget) reads the change.
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["rewardflow"] })

  const back = (
    <Link to="/loyalty/members" className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover txt-compact-small">
      {t("members.back")}
    </Link>
  )
  if (member.isError) {
    return (
      <Container className="flex flex-col gap-y-2 px-6 py-4">
        {back}
        <Text className="text-ui-fg-error" role="alert">{(member.error as Error).message}</Text>
      </Container>
    )
  }
  if (!member.data) {
    return (
      <Container className="px-6 py-4">
        <Text size="small" className="text-ui-fg-subtle">{t("members.loading")}</Text>
      </Container>
    )
  }
  const { account } = member.data
  return (
    <div className="flex flex-col gap-y-3" data-testid="rewardflow-member-page">
      <div className="flex items-center justify-between">
        {back}
        {account.customer ? (
          <Link to={`/customers/${account.customer.id}`} className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover txt-compact-small">
            {t("members.customerLink")}
          </Link>
        ) : null}
      </div>
      <MemberSummary detail={member.data} onAdjusted={refresh} />
      <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
        <MemberCard cardNumber={account.card_number} formatted={account.card_number_formatted} />
        <div className="flex flex-col gap-y-3">
          <Container className="p-0">
            <WalletPassLine pass={member.data.wallet_pass} />
          </Container>
          <MemberStatusCard detail={member.data} adminNames={adminNames} onChanged={refresh} />
        </div>
      </div>
      <MemberLedger detail={member.data} isLoading={member.isFetching && !member.data} pagination={pagination} onPaginationChange={setPagination} />
    </div>
  )
}

export default MemberPage
