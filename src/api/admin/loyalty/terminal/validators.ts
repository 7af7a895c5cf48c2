import { z } from "@medusajs/framework/zod"
import { NewPin } from "../../../terminal/validators"

const StoreIds = z.array(z.string().min(1).max(100)).min(1).max(100)

export const AdminListTerminalDevices = z.object({
  stock_location_id: z.string().min(1).max(100).optional(),
  revoked: z.enum(["true", "false"]).optional(),
})
export type AdminListTerminalDevicesType = z.infer<typeof AdminListTerminalDevices>

export const AdminUpdateTerminalDevice = z.object({ name: z.string().trim().min(1).max(100) })
export type AdminUpdateTerminalDeviceType = z.infer<typeof AdminUpdateTerminalDevice>

export const AdminCreateTerminalStaff = z.object({
  name: z.string().trim().min(1).max(100),
  role: z.enum(["cashier", "manager"]),
  stock_location_ids: StoreIds,
  user_id: z.string().min(1).max(100).nullable().optional(),
  pin: NewPin,
})
export type AdminCreateTerminalStaffType = z.infer<typeof AdminCreateTerminalStaff>

export const AdminUpdateTerminalStaff = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  role: z.enum(["cashier", "manager"]).optional(),
  stock_location_ids: StoreIds.optional(),
  user_id: z.string().min(1).max(100).nullable().optional(),
})
export type AdminUpdateTerminalStaffType = z.infer<typeof AdminUpdateTerminalStaff>

export const AdminListTerminalStaff = z.object({ stock_location_id: z.string().min(1).max(100).optional() })
export type AdminListTerminalStaffType = z.infer<typeof AdminListTerminalStaff>

export const AdminResetTerminalPin = z.object({ pin: NewPin })
export type AdminResetTerminalPinType = z.infer<typeof AdminResetTerminalPin>

export const AdminListPinEvents = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
})
export type AdminListPinEventsType = z.infer<typeof AdminListPinEvents>

export const AdminListOfflineActions = z.object({
  status: z.enum(["applied", "pending_review", "discarded"]).optional(),
  stock_location_id: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
})
export type AdminListOfflineActionsType = z.infer<typeof AdminListOfflineActions>

export const AdminDiscardOfflineAction = z.object({ reason: z.string().trim().min(1).max(500) })
export type AdminDiscardOfflineActionType = z.infer<typeof AdminDiscardOfflineAction>
