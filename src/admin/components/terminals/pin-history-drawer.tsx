import { Badge, Button, Drawer, Table, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { useTranslation } from "react-i18next"
import { formatMoment } from "../../lib/analytics-format"
import { fetchPinEvents, terminalKeys, type PinEvent, type TerminalStaff } from "../../lib/terminals-api"
import { SectionState } from "./section-state"
import { useTerminalNames } from "./use-terminal-names"

const COLOR: Record<string, "red" | "orange" | "green" | "blue" | "grey"> = { failure: "orange", lock: "red", unlock: "green", pin_reset: "blue", pin_changed: "blue" }

/** A staff member's PIN history, newest first: failures, locks, unlocks, resets, with the device and who acted. */
export const PinHistoryDrawer = ({ staff, onClose }: { staff: TerminalStaff | null; onClose: () => void }) => {
  const { t, i18n } = useTranslation("rewardflow")
  const names = useTerminalNames()
  const events = useQuery({ queryKey: terminalKeys.pinEvents(staff?.id ?? ""), queryFn: () => fetchPinEvents(staff!.id), enabled: !!staff })
  const who = (e: PinEvent) =>
    e.actor_user_id ? t("terminals.history.by_admin") : e.actor_staff_id ? t("terminals.history.by_manager", { name: names.staff(e.actor_staff_id) }) : t("terminals.none")
  return (
    <Drawer open={!!staff} onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content data-testid="rewardflow-pin-history">
        <Drawer.Header>
          <Drawer.Title>{t("terminals.history.title", { name: staff?.name ?? "" })}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="overflow-y-auto p-0">
          {staff ? (
            <Text size="small" className="px-6 py-4 text-ui-fg-subtle" data-testid="rewardflow-pin-history-summary">
              {t("terminals.history.summary", { failed: staff.failed_count, locks: staff.lock_count })}
            </Text>
          ) : null}
          <SectionState
            testId="rewardflow-pin-history"
            query={events}
            isEmpty={!events.data?.events.length}
            empty={{ heading: t("terminals.history.empty_heading"), description: t("terminals.history.empty_description") }}
          >
            <Table>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell>{t("terminals.history.when")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("terminals.history.what")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("terminals.history.device")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("terminals.history.who")}</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {(events.data?.events ?? []).map((e) => (
                  <Table.Row key={e.id} data-testid={`rewardflow-pin-event-${e.id}`} data-type={e.type}>
                    <Table.Cell>{formatMoment(e.created_at, i18n.language)}</Table.Cell>
                    <Table.Cell>
                      <div className="flex flex-col items-start gap-y-1">
                        <Badge size="2xsmall" color={COLOR[e.type] ?? "grey"}>
                          {t(`terminals.pin_events.${e.type}`)}
                        </Badge>
                        {e.type === "lock" && e.locked_until ? (
                          <Text size="xsmall" className="text-ui-fg-subtle">
                            {t("terminals.history.locked_until", { date: formatMoment(e.locked_until, i18n.language) })}
                          </Text>
                        ) : null}
                      </div>
                    </Table.Cell>
                    <Table.Cell>{names.device(e.device_id)}</Table.Cell>
                    <Table.Cell>{who(e)}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </SectionState>
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button size="small" variant="secondary">
              {t("terminals.close")}
            </Button>
          </Drawer.Close>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
