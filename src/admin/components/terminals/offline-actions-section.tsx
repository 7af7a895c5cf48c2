import { Button, Container, Heading, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { formatAmount, formatMoment } from "../../lib/analytics-format"
import { fetchPendingOfflineActions, reawardOfflineAction, terminalKeys, type OfflineAction } from "../../lib/terminals-api"
import { DiscardDrawer } from "./discard-drawer"
import { SectionState } from "./section-state"
import { useTerminalNames } from "./use-terminal-names"

/**
 * Actions a tablet took offline that the sync could not apply (a wrong PIN, an expired bundle, a
 * cap...), waiting for a manager: re-award (confirmed; the till's rules still apply and a refusal
 * shows the API's message) or discard with a reason.
 */
export const OfflineActionsSection = () => {
  const { t, i18n } = useTranslation("rewardflow")
  const queryClient = useQueryClient()
  const prompt = usePrompt()
  const names = useTerminalNames()
  const actions = useQuery({ queryKey: terminalKeys.offline, queryFn: fetchPendingOfflineActions })
  const [discarding, setDiscarding] = useState<OfflineAction | null>(null)
  const reaward = useMutation({
    mutationFn: (a: OfflineAction) => reawardOfflineAction(a.id),
    onSuccess: () => {
      toast.success(t("terminals.offline.reawarded"))
      queryClient.invalidateQueries({ queryKey: terminalKeys.all })
    },
    onError: (e: Error) => toast.error(e.message),
  })
  const receipt = (a: OfflineAction) => {
    const p = a.action.payload ?? {}
    return t("terminals.offline.receipt", {
      receipt: p.receipt_number ?? t("terminals.none"),
      amount: formatAmount(p.amount ?? null, i18n.language, p.currency_code ?? null),
    })
  }
  const confirmReaward = async (a: OfflineAction) => {
    const ok = await prompt({
      title: t("terminals.offline.reaward_title"),
      description: t("terminals.offline.reaward_description", { receipt: receipt(a) }),
      confirmText: t("terminals.offline.reaward"),
      cancelText: t("common.cancel"),
    })
    if (ok) reaward.mutate(a)
  }
  const list = actions.data?.offline_actions ?? []
  return (
    <Container className="divide-y p-0" data-testid="rewardflow-terminal-offline">
      <div className="px-6 py-4">
        <Heading level="h2">{t("terminals.offline.title")}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {t("terminals.offline.subtitle")}
        </Text>
      </div>
      <SectionState
        testId="rewardflow-terminal-offline"
        query={actions}
        isEmpty={!list.length}
        empty={{ heading: t("terminals.offline.empty_heading"), description: t("terminals.offline.empty_description") }}
      >
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>{t("terminals.offline.taken_at")}</Table.HeaderCell>
              <Table.HeaderCell>{t("terminals.offline.where")}</Table.HeaderCell>
              <Table.HeaderCell>{t("terminals.offline.what")}</Table.HeaderCell>
              <Table.HeaderCell>{t("terminals.offline.why")}</Table.HeaderCell>
              <Table.HeaderCell />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {list.map((a) => (
              <Table.Row key={a.id} data-testid={`rewardflow-offline-${a.id}`}>
                <Table.Cell>{formatMoment(a.action.created_at ?? a.created_at, i18n.language)}</Table.Cell>
                <Table.Cell>
                  <div className="flex flex-col">
                    <Text size="small">{names.store(a.stock_location_id)}</Text>
                    <Text size="xsmall" className="text-ui-fg-subtle">
                      {t("terminals.offline.by", { device: names.device(a.device_id), staff: names.staff(a.staff_id) })}
                    </Text>
                  </div>
                </Table.Cell>
                <Table.Cell>{receipt(a)}</Table.Cell>
                <Table.Cell>{a.reason ? t(`terminals.offline.reasons.${a.reason}`, { defaultValue: a.reason }) : t("terminals.none")}</Table.Cell>
                <Table.Cell>
                  <div className="flex justify-end gap-x-2">
                    <Button size="small" variant="secondary" disabled={a.type !== "award"} isLoading={reaward.isPending && reaward.variables?.id === a.id} onClick={() => confirmReaward(a)}>
                      {t("terminals.offline.reaward")}
                    </Button>
                    <Button size="small" variant="secondary" onClick={() => setDiscarding(a)}>
                      {t("terminals.offline.discard")}
                    </Button>
                  </div>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </SectionState>
      <DiscardDrawer action={discarding} onClose={() => setDiscarding(null)} />
    </Container>
  )
}
