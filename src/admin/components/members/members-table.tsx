import { Badge, Container, createDataTableColumnHelper, DataTable, type DataTablePaginationState, Heading, Select, Text, useDataTable } from "@medusajs/ui"
import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { useNavigate } from "react-router-dom"
import { localizedText } from "../../../modules/loyalty/lib/localized-text"
import { formatDate } from "../../lib/loyalty-display"
import { fetchTiers, listMembers, memberKeys, personName, type MemberRow } from "../../lib/members-api"
import { MemberStatusBadge } from "./member-status-badge"
import { TranslatedPagination } from "../translated-pagination"

const PAGE_SIZE = 20
const ALL = "all"
const columnHelper = createDataTableColumnHelper<MemberRow>()

/** Members: searched by name, email or card number, filtered by status and tier, a page at a time; a row opens the member. */
export const MembersTable = () => {
  const { t, i18n } = useTranslation("rewardflow")
  const locale = i18n.language
  const navigate = useNavigate()
  const [search, setSearch] = useState("")
  const [status, setStatus] = useState<string>(ALL)
  const [tierId, setTierId] = useState<string>(ALL)
  const [pagination, setPagination] = useState<DataTablePaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE })
  const filters = {
    q: search.trim() || undefined,
    status: status === ALL ? undefined : (status as "active" | "blocked"),
    tier_id: tierId === ALL ? undefined : tierId,
    limit: pagination.pageSize,
    offset: pagination.pageIndex * pagination.pageSize,
  }
  const list = useQuery({ queryKey: memberKeys.list(filters), queryFn: () => listMembers(filters), placeholderData: keepPreviousData })
  const tiers = useQuery({ queryKey: memberKeys.tiers, queryFn: fetchTiers })
  const tierName = (id: string | null) => {
    const tier = id ? tiers.data?.find((x) => x.id === id) : null
    return tier ? localizedText(tier.name, locale) : id ? "…" : t("members.noTier")
  }
  // A new search or filter starts again on the first page.
  const filtered = <T,>(set: (v: T) => void) => (v: T) => {
    set(v)
    setPagination((p) => ({ ...p, pageIndex: 0 }))
  }

  const filteredEmpty = { heading: t("members.empty.filteredHeading"), description: t("members.empty.filteredDescription") }
  const columns = [
    columnHelper.display({
      id: "member",
      header: t("members.columns.member"),
      cell: ({ row }) => (
        <div className="flex flex-col">
          <Text size="small" weight="plus" leading="compact">{personName(row.original.customer) ?? "–"}</Text>
          <Text size="xsmall" className="text-ui-fg-subtle">{row.original.customer?.email ?? ""}</Text>
        </div>
      ),
    }),
    columnHelper.accessor("card_number_formatted", { header: t("members.columns.card"), cell: ({ getValue }) => <span className="font-mono">{getValue()}</span> }),
    columnHelper.accessor("balance", { header: t("members.columns.balance"), cell: ({ getValue }) => getValue().toLocaleString(locale) }),
    columnHelper.accessor("tier_id", { header: t("members.columns.tier"), cell: ({ getValue }) => tierName(getValue()) }),
    columnHelper.accessor("status", {
      header: t("members.columns.status"),
      cell: ({ row }) => (
        <div className="flex items-center gap-x-1">
          <MemberStatusBadge status={row.original.status} />
          {row.original.is_test ? <Badge size="2xsmall" color="orange">{t("members.testBadge")}</Badge> : null}
        </div>
      ),
    }),
    columnHelper.accessor("enrolled_at", { header: t("members.columns.enrolled"), cell: ({ getValue }) => formatDate(getValue(), locale) }),
  ]
  const table = useDataTable({
    columns,
    data: list.data?.accounts ?? [],
    getRowId: (r) => r.id,
    rowCount: list.data?.count ?? 0,
    isLoading: list.isLoading,
    search: { state: search, onSearchChange: filtered(setSearch), debounce: 300 },
    pagination: { state: pagination, onPaginationChange: setPagination },
    onRowClick: (_, row) => navigate(`/loyalty/members/${row.id}`),
  })

  return (
    <Container className="divide-y p-0" data-testid="rewardflow-members">
      <DataTable instance={table}>
        <DataTable.Toolbar className="flex flex-col gap-3 px-6 py-4 md:flex-row md:items-end md:justify-between">
          <div>
            <Heading level="h1">{t("members.title")}</Heading>
            <Text size="small" className="text-ui-fg-subtle">{t("members.subtitle")}</Text>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <DataTable.Search placeholder={t("members.search")} autoFocus />
            <Select value={status} onValueChange={filtered(setStatus)}>
              <Select.Trigger aria-label={t("members.filters.status")} className="w-36">
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                <Select.Item value={ALL}>{t("members.filters.allStatuses")}</Select.Item>
                <Select.Item value="active">{t("members.status.active")}</Select.Item>
                <Select.Item value="blocked">{t("members.status.blocked")}</Select.Item>
              </Select.Content>
            </Select>
            <Select value={tierId} onValueChange={filtered(setTierId)}>
              <Select.Trigger aria-label={t("members.filters.tier")} className="w-36">
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                <Select.Item value={ALL}>{t("members.filters.allTiers")}</Select.Item>
                {(tiers.data ?? []).map((tier) => (
                  <Select.Item key={tier.id} value={tier.id}>{localizedText(tier.name, locale)}</Select.Item>
                ))}
              </Select.Content>
            </Select>
          </div>
        </DataTable.Toolbar>
        {list.isError ? (
          <Text className="px-6 py-4 text-ui-fg-error" role="alert">{(list.error as Error).message}</Text>
        ) : (
          <DataTable.Table
            emptyState={{
              // The status and tier selects are this screen's own, so the table counts only the search as a filter.
              empty: filters.status || filters.tier_id ? filteredEmpty : { heading: t("members.empty.heading"), description: t("members.empty.description") },
              filtered: filteredEmpty,
            }}
          />
        )}
        <TranslatedPagination />
      </DataTable>
    </Container>
  )
}
