import { Button, Container, Heading, StatusBadge, Table, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { formatMoment } from "../../lib/analytics-format"
import { createPairingCode, fetchDevices, fetchStores, terminalKeys, type PairingCode, type Store, type TerminalDevice } from "../../lib/terminals-api"
import { DeviceActions } from "./device-actions"
import { DeviceRenameDrawer } from "./device-rename-drawer"
import { PairingCodePanel } from "./pairing-code-panel"
import { SectionState } from "./section-state"
import { TokenPanel } from "./token-panel"

type Rotated = { device: TerminalDevice; token: string }

/** One store: its pairing code (while shown), a rotated token (while shown) and its devices. */
const StoreBlock = ({ store, devices, onRename }: { store: Store; devices: TerminalDevice[]; onRename: (d: TerminalDevice) => void }) => {
  const { t, i18n } = useTranslation("rewardflow")
  const [code, setCode] = useState<PairingCode | null>(null)
  const [rotated, setRotated] = useState<Rotated | null>(null)
  const create = useMutation({ mutationFn: () => createPairingCode(store.id), onSuccess: setCode, onError: (e: Error) => toast.error(e.message) })
  return (
    <div className="divide-y" data-testid={`rewardflow-store-${store.id}`}>
      <div className="flex items-center justify-between gap-x-4 px-6 py-3">
        <div>
          <Heading level="h3">{store.name}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t("terminals.stores.device_count", { count: devices.filter((d) => !d.revoked_at).length })}
          </Text>
        </div>
        <Button size="small" variant="secondary" isLoading={create.isPending} onClick={() => create.mutate()}>
          {t("terminals.pairing.create")}
        </Button>
      </div>
      {code ? <PairingCodePanel code={code} onClose={() => setCode(null)} /> : null}
      {rotated ? <TokenPanel deviceName={rotated.device.name} token={rotated.token} onClose={() => setRotated(null)} /> : null}
      {!devices.length ? (
        <Text size="small" className="px-6 py-3 text-ui-fg-subtle">
          {t("terminals.devices.empty")}
        </Text>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>{t("terminals.devices.name")}</Table.HeaderCell>
              <Table.HeaderCell>{t("terminals.devices.status")}</Table.HeaderCell>
              <Table.HeaderCell>{t("terminals.devices.last_seen")}</Table.HeaderCell>
              <Table.HeaderCell>{t("terminals.devices.paired_at")}</Table.HeaderCell>
              <Table.HeaderCell />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {devices.map((d) => (
              <Table.Row key={d.id} data-testid={`rewardflow-device-${d.id}`}>
                <Table.Cell>{d.name}</Table.Cell>
                <Table.Cell>
                  {d.revoked_at ? (
                    <StatusBadge color="red">{t("terminals.devices.revoked_at", { date: formatMoment(d.revoked_at, i18n.language) })}</StatusBadge>
                  ) : (
                    <StatusBadge color="green">{t("terminals.devices.active")}</StatusBadge>
                  )}
                </Table.Cell>
                <Table.Cell>{d.last_seen_at ? formatMoment(d.last_seen_at, i18n.language) : t("terminals.devices.never_seen")}</Table.Cell>
                <Table.Cell>{formatMoment(d.created_at, i18n.language)}</Table.Cell>
                <Table.Cell className="text-right">
                  {d.revoked_at ? null : <DeviceActions device={d} onRename={onRename} onRotated={(device, token) => setRotated({ device, token })} />}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </div>
  )
}

/** Stores (Medusa stock locations) with their paired devices: pairing codes, rename, rotate, revoke. */
export const StoresSection = () => {
  const { t } = useTranslation("rewardflow")
  const stores = useQuery({ queryKey: terminalKeys.stores, queryFn: fetchStores })
  const devices = useQuery({ queryKey: terminalKeys.devices, queryFn: fetchDevices })
  const [renaming, setRenaming] = useState<TerminalDevice | null>(null)
  const failed = stores.isError ? stores : devices
  return (
    <Container className="divide-y p-0" data-testid="rewardflow-terminal-stores">
      <div className="px-6 py-4">
        <Heading level="h2">{t("terminals.stores.title")}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {t("terminals.stores.subtitle")}
        </Text>
      </div>
      <SectionState
        testId="rewardflow-terminal-stores"
        query={{ isError: stores.isError || devices.isError, error: failed.error, isPending: stores.isPending || devices.isPending }}
        isEmpty={!stores.data?.length}
        empty={{ heading: t("terminals.stores.empty_heading"), description: t("terminals.stores.empty_description") }}
      >
        {(stores.data ?? []).map((s) => (
          <StoreBlock key={s.id} store={s} devices={(devices.data ?? []).filter((d) => d.stock_location_id === s.id)} onRename={setRenaming} />
        ))}
      </SectionState>
      <DeviceRenameDrawer device={renaming} onClose={() => setRenaming(null)} />
    </Container>
  )
}
