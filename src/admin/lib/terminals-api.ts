// Type-only: the terminal module's views, nothing of the server in the admin bundle.
import type { StaffRole, TerminalDeviceView, TerminalStaffView } from "../../modules/loyalty-terminal/types"
import { sdk } from "./sdk"

export type { StaffRole }
export const STAFF_ROLES: StaffRole[] = ["cashier", "manager"]

/** Dates arrive as ISO strings over HTTP. */
type Wire<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] }

/** A store: a Medusa stock location. */
export type Store = { id: string; name: string }
export type TerminalDevice = Wire<TerminalDeviceView>
export type TerminalStaff = Wire<TerminalStaffView>
export type PairingCode = { code: string; expires_at: string; stock_location_id: string }

export type PinEventType = "failure" | "lock" | "unlock" | "success_reset" | "pin_reset" | "pin_changed"
export type PinEvent = {
  id: string
  type: PinEventType
  device_id: string | null
  attempt_id: string | null
  actor_user_id: string | null
  actor_staff_id: string | null
  locked_until: string | null
  created_at: string
}

export type OfflineAction = {
  id: string
  client_id: string
  device_id: string
  stock_location_id: string
  staff_id: string | null
  type: string
  /** As the tablet uploaded it; an award's payload names the receipt, the amount and the card. */
  action: { created_at?: string; payload?: { receipt_number?: string; amount?: number; currency_code?: string; card_number?: string } }
  status: "applied" | "pending_review" | "discarded"
  reason: string | null
  created_at: string
}

export type DailyTotal = {
  day: string
  stock_location_id: string
  device_id: string | null
  staff_id: string | null
  points_awarded: number
  awards: number
  points_redeemed: number
  redemptions: number
  points_voided: number
  voids: number
}
export type DailyTotals = { from: string; to: string; totals: DailyTotal[]; sums: Omit<DailyTotal, "day" | "stock_location_id" | "device_id" | "staff_id"> }

const BASE = "/admin/loyalty/terminal"

export const terminalKeys = {
  all: ["rewardflow", "terminals"] as const,
  stores: ["rewardflow", "terminals", "stores"] as const,
  devices: ["rewardflow", "terminals", "devices"] as const,
  staff: ["rewardflow", "terminals", "staff"] as const,
  pinEvents: (staffId: string) => ["rewardflow", "terminals", "staff", staffId, "pin-events"] as const,
  offline: ["rewardflow", "terminals", "offline-actions"] as const,
  totals: (from: string, to: string, store: string) => ["rewardflow", "terminals", "daily-totals", from, to, store] as const,
}

/** Every stock location (a merchant has a handful; 200 is far above what a store list shows). */
export async function fetchStores(): Promise<Store[]> {
  const { stock_locations } = await sdk.admin.stockLocation.list({ limit: 200, fields: "id,name" })
  return stock_locations.map((l) => ({ id: l.id, name: l.name }))
}

export const fetchDevices = async () => (await sdk.client.fetch<{ devices: TerminalDevice[] }>(`${BASE}/devices`)).devices
export const fetchStaff = async () => (await sdk.client.fetch<{ staff: TerminalStaff[] }>(`${BASE}/staff`)).staff
export const fetchPinEvents = (staffId: string) =>
  sdk.client.fetch<{ events: PinEvent[]; count: number }>(`${BASE}/staff/${staffId}/pin-events`, { query: { limit: 100 } })
export const fetchPendingOfflineActions = () =>
  sdk.client.fetch<{ offline_actions: OfflineAction[]; count: number }>(`${BASE}/offline-actions`, { query: { status: "pending_review", limit: 200 } })

/** `from`/`to` empty: the route's default (the last 7 days). */
export function fetchDailyTotals(from: string, to: string, stockLocationId: string) {
  const query: Record<string, string> = {}
  if (from) query.from = from
  if (to) query.to = to
  if (stockLocationId) query.stock_location_id = stockLocationId
  return sdk.client.fetch<DailyTotals>(`${BASE}/daily-totals`, { query })
}

const post = <T>(path: string, body: Record<string, unknown> = {}) => sdk.client.fetch<T>(`${BASE}${path}`, { method: "POST", body })

export const createPairingCode = async (storeId: string) => (await post<{ pairing_code: PairingCode }>(`/stores/${storeId}/pairing-codes`)).pairing_code
export const renameDevice = (id: string, name: string) => post<{ device: TerminalDevice }>(`/devices/${id}`, { name })
export const rotateDevice = (id: string) => post<{ device: TerminalDevice; token: string }>(`/devices/${id}/rotate`)
export const revokeDevice = (id: string) => post<{ device: TerminalDevice }>(`/devices/${id}/revoke`)

export type NewStaff = { name: string; role: StaffRole; stock_location_ids: string[]; pin: string }
export const createStaff = (body: NewStaff) => post<{ staff: TerminalStaff }>("/staff", body)
export const resetStaffPin = (id: string, pin: string) => post<{ staff: TerminalStaff }>(`/staff/${id}/pin`, { pin })
export const unlockStaff = (id: string) => post<{ staff: TerminalStaff }>(`/staff/${id}/unlock`)

export const reawardOfflineAction = (id: string) => post<{ offline_action: OfflineAction; entry_id: string }>(`/offline-actions/${id}/award`)
export const discardOfflineAction = (id: string, reason: string) => post<{ offline_action: OfflineAction }>(`/offline-actions/${id}/discard`, { reason })
