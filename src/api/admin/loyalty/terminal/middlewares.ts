import { type MiddlewareRoute } from "@medusajs/framework/http"
import { z } from "@medusajs/framework/zod"
import { validateBody, validateQuery } from "../../../validate"
import {
  AdminCreateTerminalStaff,
  AdminDiscardOfflineAction,
  AdminListOfflineActions,
  AdminListPinEvents,
  AdminListTerminalDevices,
  AdminListTerminalStaff,
  AdminResetTerminalPin,
  AdminUpdateTerminalDevice,
  AdminUpdateTerminalStaff,
} from "./validators"

const list = { defaults: ["id"], isList: true }
const one = { defaults: ["id"], isList: false }
const Empty = z.object({})

/** Admin routes of the in-store terminals (authentication comes from /admin/loyalty/*). */
export const adminTerminalMiddlewares: MiddlewareRoute[] = [
  { method: ["POST"], matcher: "/admin/loyalty/terminal/stores/:stock_location_id/pairing-codes", middlewares: [validateBody(Empty)] },
  { method: ["GET"], matcher: "/admin/loyalty/terminal/devices", middlewares: [validateQuery(AdminListTerminalDevices, list)] },
  { method: ["GET"], matcher: "/admin/loyalty/terminal/devices/:id", middlewares: [validateQuery(Empty, one)] },
  { method: ["POST"], matcher: "/admin/loyalty/terminal/devices/:id", middlewares: [validateBody(AdminUpdateTerminalDevice)] },
  { method: ["POST"], matcher: "/admin/loyalty/terminal/devices/:id/rotate", middlewares: [validateBody(Empty)] },
  { method: ["POST"], matcher: "/admin/loyalty/terminal/devices/:id/revoke", middlewares: [validateBody(Empty)] },
  { method: ["GET"], matcher: "/admin/loyalty/terminal/staff", middlewares: [validateQuery(AdminListTerminalStaff, list)] },
  { method: ["POST"], matcher: "/admin/loyalty/terminal/staff", middlewares: [validateBody(AdminCreateTerminalStaff)] },
  { method: ["GET"], matcher: "/admin/loyalty/terminal/staff/:id", middlewares: [validateQuery(Empty, one)] },
  { method: ["POST"], matcher: "/admin/loyalty/terminal/staff/:id", middlewares: [validateBody(AdminUpdateTerminalStaff)] },
  { method: ["POST"], matcher: "/admin/loyalty/terminal/staff/:id/pin", middlewares: [validateBody(AdminResetTerminalPin)] },
  { method: ["POST"], matcher: "/admin/loyalty/terminal/staff/:id/unlock", middlewares: [validateBody(Empty)] },
  { method: ["GET"], matcher: "/admin/loyalty/terminal/staff/:id/pin-events", middlewares: [validateQuery(AdminListPinEvents, list)] },
  { method: ["GET"], matcher: "/admin/loyalty/terminal/offline-actions", middlewares: [validateQuery(AdminListOfflineActions, list)] },
  { method: ["POST"], matcher: "/admin/loyalty/terminal/offline-actions/:id/award", middlewares: [validateBody(Empty)] },
  { method: ["POST"], matcher: "/admin/loyalty/terminal/offline-actions/:id/discard", middlewares: [validateBody(AdminDiscardOfflineAction)] },
]
