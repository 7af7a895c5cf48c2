import {
  Badge,
  Button,
  Container,
  createDataTableColumnHelper,
  DataTable,
  type DataTablePaginationState,
  Heading,
  Text,
  toast,
  useDataTable,
  usePrompt,
} from "@medusajs/ui"
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useMemo, useState } from "react"
import { useTranslation } from "react-i18next"
import { formatMoneyList, rewardStatus, rewardValidity, rewardValue, STATUS_COLORS, type Translate } from "../../lib/reward-display"
import { deleteReward, fetchVariants, listRewards, rewardKeys, updateReward, type Reward } from "../../lib/rewards-api"
import { RewardFormModal } from "./reward-form-modal"
import { RewardRowActions } from "./reward-row-actions"

const PAGE_SIZE = 10
const columnHelper = createDataTableColumnHelper<Reward>()

/** The reward catalog: one row per reward, create/edit in a focus modal, row actions. */
export const RewardsTable = ({ currencies }: { currencies: string[] }) => {
  const { t: translate, i18n } = useTranslation("rewardflow")
  const t = translate as unknown as Translate
  const queryClient = useQueryClient()
  const prompt = usePrompt()
  const [pagination, setPagination] = useState<DataTablePaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE })
  const [editing, setEditing] = useState<Reward | null>(null)
  const [editOpen, setEditOpen] = useState(false)
  const [creating, setCreating] = useState(false)

  const offset = pagination.pageIndex * pagination.pageSize
  const list = useQuery({
    queryKey: rewardKeys.list(pagination.pageSize, offset),
    queryFn: () => listRewards(pagination.pageSize, offset),
    placeholderData: keepPreviousData,
  })
  const rewards = list.data?.rewards ?? []
  const variantIds = [...new Set(rewards.map((r) => r.variant_id).filter((id): id is string => !!id))].sort()
  const variants = useQuery({
    queryKey: rewardKeys.variants(variantIds),
    queryFn: () => fetchVariants(variantIds),
    enabled: variantIds.length > 0,
  })
  const variantMap = useMemo(() => new Map((variants.data ?? []).map((v) => [v.id, v])), [variants.data])

  const refresh = () => queryClient.invalidateQueries({ queryKey: rewardKeys.all })
  const toggle = useMutation({
    mutationFn: (reward: Reward) => updateReward(reward.id, { is_active: !reward.is_active }),
    onSuccess: (saved) => {
      toast.success(t(saved.is_active ? "rewards.toast.activated" : "rewards.toast.deactivated", { name: saved.name.en }))
      refresh()
    },
    onError: (e: Error) => toast.error(e.message),
  })
  const remove = useMutation({
    mutationFn: (reward: Reward) => deleteReward(reward.id),
    onSuccess: (_, reward) => {
      toast.success(t("rewards.toast.deleted", { name: reward.name.en }))
      refresh()
    },
    onError: (e: Error) => toast.error(e.message),
  })
  const confirmDelete = async (reward: Reward) => {
    const confirmed = await prompt({
      title: t("rewards.delete.title"),
      description: t("rewards.delete.description", { name: reward.name.en }),
      confirmText: t("rewards.delete.confirm"),
      cancelText: t("common.cancel"),
    })
    if (confirmed) remove.mutate(reward)
  }

  const columns = [
    columnHelper.accessor("name.en", {
      header: t("rewards.columns.name"),
      cell: ({ row }) => (
        <div className="flex flex-col">
          <Text size="small" weight="plus" leading="compact">
            {row.original.name.en}
          </Text>
          {row.original.min_subtotal ? (
            <Text size="xsmall" className="text-ui-fg-subtle">
              {t("rewards.value.minSubtotal", { amounts: formatMoneyList(row.original.min_subtotal) })}
            </Text>
          ) : null}
        </div>
      ),
    }),
    columnHelper.accessor("type", { header: t("rewards.columns.type"), cell: ({ getValue }) => t(`rewards.types.${getValue()}`) }),
    columnHelper.accessor("points_cost", {
      header: t("rewards.columns.cost"),
      cell: ({ getValue }) => t("rewards.points", { count: getValue(), formatted: getValue().toLocaleString(i18n.language) }),
    }),
    columnHelper.display({ id: "value", header: t("rewards.columns.value"), cell: ({ row }) => rewardValue(t, row.original, variantMap) }),
    columnHelper.display({
      id: "status",
      header: t("rewards.columns.status"),
      cell: ({ row }) => {
        const status = rewardStatus(row.original)
        return (
          <Badge size="2xsmall" color={STATUS_COLORS[status]}>
            {t(`rewards.status.${status}`)}
          </Badge>
        )
      },
    }),
    columnHelper.display({
      id: "validity",
      header: t("rewards.columns.validity"),
      cell: ({ row }) => rewardValidity(t, row.original, i18n.language),
    }),
    columnHelper.display({
      id: "actions",
      cell: ({ row }) => (
        <RewardRowActions
          reward={row.original}
          onEdit={() => {
            setEditing(row.original)
            setEditOpen(true)
          }}
          onToggleActive={() => toggle.mutate(row.original)}
          onDelete={() => confirmDelete(row.original)}
        />
      ),
    }),
  ]

  const table = useDataTable({
    columns,
    data: rewards,
    getRowId: (r) => r.id,
    rowCount: list.data?.count ?? 0,
    isLoading: list.isLoading,
    pagination: { state: pagination, onPaginationChange: setPagination },
  })

  return (
    <Container className="divide-y p-0" data-testid="rewardflow-rewards">
      <DataTable instance={table}>
        <DataTable.Toolbar className="flex items-start justify-between gap-2 px-6 py-4">
          <div>
            <Heading level="h2">{t("rewards.heading")}</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              {t("rewards.subtitle")}
            </Text>
          </div>
          <Button size="small" variant="secondary" onClick={() => setCreating(true)}>
            {t("rewards.create")}
          </Button>
        </DataTable.Toolbar>
        {list.isError ? (
          <Text className="px-6 py-4 text-ui-fg-error">{(list.error as Error).message}</Text>
        ) : (
          <DataTable.Table
            emptyState={{ empty: { heading: t("rewards.empty.heading"), description: t("rewards.empty.description") } }}
          />
        )}
        <DataTable.Pagination
          translations={{
            of: t("rewards.pagination.of"),
            results: t("rewards.pagination.results"),
            pages: t("rewards.pagination.pages"),
            prev: t("rewards.pagination.prev"),
            next: t("rewards.pagination.next"),
          }}
        />
      </DataTable>
      <RewardFormModal open={creating} onOpenChange={setCreating} currencies={currencies} />
      <RewardFormModal
        open={editOpen}
        onOpenChange={setEditOpen}
        reward={editing}
        variant={editing?.variant_id ? variantMap.get(editing.variant_id) ?? null : null}
        currencies={currencies}
      />
    </Container>
  )
}
