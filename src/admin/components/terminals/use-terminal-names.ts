import { useQuery } from "@tanstack/react-query"
import { useTranslation } from "react-i18next"
import { fetchDevices, fetchStaff, fetchStores, terminalKeys } from "../../lib/terminals-api"

/**
 * Names for the ids the terminal routes answer with (stores, devices, staff members), from the
 * same queries the page's cards use (shared keys: no extra request). An id not (yet) known is shown as is.
 */
export function useTerminalNames() {
  const { t } = useTranslation("rewardflow")
  const stores = useQuery({ queryKey: terminalKeys.stores, queryFn: fetchStores })
  const devices = useQuery({ queryKey: terminalKeys.devices, queryFn: fetchDevices })
  const staff = useQuery({ queryKey: terminalKeys.staff, queryFn: fetchStaff })
  const find = <T extends { id: string; name: string }>(list: T[] | undefined, id: string | null | undefined) =>
    id ? list?.find((x) => x.id === id)?.name ?? id : t("terminals.none")
  return {
    store: (id: string | null | undefined) => find(stores.data, id),
    device: (id: string | null | undefined) => find(devices.data, id),
    staff: (id: string | null | undefined) => find(staff.data, id),
  }
}
