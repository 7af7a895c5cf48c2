import { Clock, EllipsisHorizontal, Key, LockOpenSolid } from "@medusajs/icons"
import { Button, Container, DropdownMenu, Heading, IconButton, StatusBadge, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { formatMoment } from "../../lib/analytics-format"
import { fetchStaff, terminalKeys, unlockStaff, type TerminalStaff } from "../../lib/terminals-api"
import { PinHistoryDrawer } from "./pin-history-drawer"
import { PinResetDrawer } from "./pin-reset-drawer"
import { SectionState } from "./section-state"
import { StaffFormDrawer } from "./staff-form-drawer"
import { useTerminalNames } from "./use-terminal-names"

/** Locked, or failures counting toward a lock, or fine. */
const PinState = ({ staff }: { staff: TerminalStaff }) => {
  const { t, i18n } = useTranslation("rewardflow")
  if (staff.locked_until) return <StatusBadge color="red">{t("terminals.staff.locked_until", { date: formatMoment(staff.locked_until, i18n.language) })}</StatusBadge>
  if (staff.failed_count > 0) return <StatusBadge color="orange">{t("terminals.staff.failures", { count: staff.failed_count })}</StatusBadge>
  return <StatusBadge color="green">{t("terminals.staff.pin_ok")}</StatusBadge>
}

/** Staff members who sign in on the tablets: create, reset a PIN, unlock (confirmed), the PIN history. */
export const StaffSection = () => {
  const { t } = useTranslation("rewardflow")
  const queryClient = useQueryClient()
  const prompt = usePrompt()
  const names = useTerminalNames()
  const staff = useQuery({ queryKey: terminalKeys.staff, queryFn: fetchStaff })
  const [creating, setCreating] = useState(false)
  const [resetting, setResetting] = useState<TerminalStaff | null>(null)
  const [history, setHistory] = useState<TerminalStaff | null>(null)
  const unlock = useMutation({
    mutationFn: (s: TerminalStaff) => unlockStaff(s.id),
    onSuccess: (_, s) => {
      toast.success(t("terminals.staff.unlocked", { name: s.name }))
      queryClient.invalidateQueries({ queryKey: terminalKeys.staff })
    },
    onError: (e: Error) => toast.error(e.message),
  })
  const confirmUnlock = async (s: TerminalStaff) => {
    const ok = await prompt({
      title: t("terminals.staff.unlock_title"),
      description: t("terminals.staff.unlock_description", { name: s.name }),
      confirmText: t("terminals.staff.unlock"),
      cancelText: t("common.cancel"),
    })
    if (ok) unlock.mutate(s)
  }
  return (
    <Container className="divide-y p-0" data-testid="rewardflow-terminal-staff">
      <div className="flex items-start justify-between gap-x-4 px-6 py-4">
        <div>
          <Heading level="h2">{t("terminals.staff.title")}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t("terminals.staff.subtitle")}
          </Text>
        </div>
        <Button size="small" variant="secondary" className="shrink-0" onClick={() => setCreating(true)}>
          {t("terminals.staff.create")}
        </Button>
      </div>
      <SectionState
        testId="rewardflow-terminal-staff"
        query={staff}
        isEmpty={!staff.data?.length}
        empty={{ heading: t("terminals.staff.empty_heading"), description: t("terminals.staff.empty_description") }}
      >
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>{t("terminals.staff.name")}</Table.HeaderCell>
              <Table.HeaderCell>{t("terminals.staff.role")}</Table.HeaderCell>
              <Table.HeaderCell>{t("terminals.staff.stores")}</Table.HeaderCell>
              <Table.HeaderCell>{t("terminals.staff.pin_state")}</Table.HeaderCell>
              <Table.HeaderCell />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {(staff.data ?? []).map((s) => (
              <Table.Row key={s.id} data-testid={`rewardflow-staff-${s.id}`}>
                <Table.Cell>{s.name}</Table.Cell>
                <Table.Cell>{t(`terminals.roles.${s.role}`)}</Table.Cell>
                <Table.Cell>{s.stock_location_ids.map((id) => names.store(id)).join(", ")}</Table.Cell>
                <Table.Cell>
                  <PinState staff={s} />
                </Table.Cell>
                <Table.Cell className="text-right">
                  <DropdownMenu>
                    <DropdownMenu.Trigger asChild>
                      <IconButton size="small" variant="transparent" aria-label={t("terminals.staff.actions", { name: s.name })}>
                        <EllipsisHorizontal />
                      </IconButton>
                    </DropdownMenu.Trigger>
                    <DropdownMenu.Content align="end">
                      <DropdownMenu.Item className="gap-x-2" onClick={() => setResetting(s)}>
                        <Key className="text-ui-fg-subtle" />
                        {t("terminals.staff.pin_reset")}
                      </DropdownMenu.Item>
                      <DropdownMenu.Item className="gap-x-2" disabled={!s.locked_until && s.failed_count === 0} onClick={() => confirmUnlock(s)}>
                        <LockOpenSolid className="text-ui-fg-subtle" />
                        {t("terminals.staff.unlock")}
                      </DropdownMenu.Item>
                      <DropdownMenu.Item className="gap-x-2" onClick={() => setHistory(s)}>
                        <Clock className="text-ui-fg-subtle" />
                        {t("terminals.staff.history")}
                      </DropdownMenu.Item>
                    </DropdownMenu.Content>
                  </DropdownMenu>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </SectionState>
      <StaffFormDrawer open={creating} onOpenChange={setCreating} />
      <PinResetDrawer staff={resetting} onClose={() => setResetting(null)} />
      <PinHistoryDrawer staff={history} onClose={() => setHistory(null)} />
    </Container>
  )
}
