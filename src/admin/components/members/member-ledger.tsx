import { Container, createDataTableColumnHelper, DataTable, type DataTablePaginationState, Heading, Text, useDataTable } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { useTranslation } from "react-i18next"
import { formatDateTime, formatSignedPoints } from "../../lib/loyalty-display"
import { personName, type MemberDetail, type MemberEntry } from "../../lib/members-api"
import { TranslatedPagination } from "../translated-pagination"

const columnHelper = createDataTableColumnHelper<MemberEntry>()

/** Who acted, by name where the API knows it: the admin, the customer, the till and its staff member. */
function actorText(entry: MemberEntry, actors: MemberDetail["actors"], t: (key: string, o?: Record<string, unknown>) => string): string {
  const parts = [
    entry.actor_user_id ? t("members.ledger.actor.admin", { name: personName(actors.users[entry.actor_user_id]) ?? entry.actor_user_id }) : null,
    entry.actor_customer_id ? t("members.ledger.actor.customer", { name: personName(actors.customers[entry.actor_customer_id]) ?? entry.actor_customer_id }) : null,
    entry.actor_device_id ? t("members.ledger.actor.device", { name: actors.devices[entry.actor_device_id]?.name ?? entry.actor_device_id }) : null,
    entry.actor_staff_id ? t("members.ledger.actor.staff", { name: actors.staff[entry.actor_staff_id]?.name ?? entry.actor_staff_id }) : null,
  ].filter(Boolean)
  return parts.length ? parts.join(" · ") : t("members.ledger.actor.system")
}

/** Where the entry came from; an order entry links to the order's page. */
const Source = ({ entry }: { entry: MemberEntry }) => {
  const { t } = useTranslation("rewardflow")
  const label = t(`members.sources.${entry.source_type}`, { defaultValue: entry.source_type })
  if (entry.source_type === "order" && entry.source_id) {
    return (
      <Link to={`/orders/${entry.source_id}`} className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover txt-compact-small">
        {t("members.ledger.orderLink")}
      </Link>
    )
  }
  return <Text size="small">{label}</Text>
}

type Props = {
  detail: MemberDetail | undefined
  isLoading: boolean
  pagination: DataTablePaginationState
  onPaginationChange: (p: DataTablePaginationState) => void
}

/** The member's whole ledger, newest first, a page at a time. */
export const MemberLedger = ({ detail, isLoading, pagination, onPaginationChange }: Props) => {
  const { t: translate, i18n } = useTranslation("rewardflow")
  const t = translate as unknown as (key: string, o?: Record<string, unknown>) => string
  const locale = i18n.language
  const columns = [
    columnHelper.accessor("created_at", { header: t("ledger.columns.date"), cell: ({ getValue }) => formatDateTime(getValue(), locale) }),
    columnHelper.accessor("type", { header: t("ledger.columns.type"), cell: ({ getValue }) => t(`ledger.types.${getValue()}`) }),
    columnHelper.accessor("points", {
      header: t("ledger.columns.points"),
      cell: ({ getValue }) => <span data-testid="rewardflow-ledger-points">{formatSignedPoints(getValue(), locale)}</span>,
    }),
    columnHelper.accessor("balance_after", { header: t("members.ledger.balanceAfter"), cell: ({ getValue }) => getValue().toLocaleString(locale) }),
    columnHelper.display({ id: "source", header: t("members.ledger.source"), cell: ({ row }) => <Source entry={row.original} /> }),
    columnHelper.display({ id: "actor", header: t("members.ledger.actor.heading"), cell: ({ row }) => actorText(row.original, detail!.actors, t) }),
    columnHelper.accessor("reason", { header: t("ledger.columns.reason"), cell: ({ getValue }) => getValue() ?? "" }),
  ]
  const table = useDataTable({
    columns,
    data: detail?.entries ?? [],
    getRowId: (e) => e.id,
    rowCount: detail?.entries_count ?? 0,
    isLoading,
    pagination: { state: pagination, onPaginationChange },
  })
  return (
    <Container className="divide-y p-0" data-testid="rewardflow-member-ledger">
      <DataTable instance={table}>
        <DataTable.Toolbar className="px-6 py-4">
          <Heading level="h2">{t("members.ledger.heading")}</Heading>
        </DataTable.Toolbar>
        <DataTable.Table emptyState={{ empty: { heading: t("members.ledger.empty") } }} />
        <TranslatedPagination />
      </DataTable>
    </Container>
  )
}
