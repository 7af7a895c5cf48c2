import { createHash } from "node:crypto"
import type { MedusaRequest } from "@medusajs/framework/http"
import { z } from "@medusajs/framework/zod"
import { LOYALTY_TERMINAL_MODULE } from "../../modules/loyalty-terminal"
import { assertOfflineAction, OfflineFormatError, verifySealedOfflineAction, type OfflineAction } from "../../modules/loyalty-terminal/lib/offline"
import { isTerminalRefusal } from "../../modules/loyalty-terminal/lib/terminal-refusal"
import type LoyaltyTerminalModuleService from "../../modules/loyalty-terminal/service"
import type { OfflineActionRow } from "../../modules/loyalty-terminal/service"
import type { TerminalDeviceView } from "../../modules/loyalty-terminal/types"
import { isRefusal } from "../../modules/loyalty/lib/refusal"
import { awardTerminalReceiptWorkflow } from "../../workflows/loyalty-till/workflows/till"
import { reportPinFailuresWorkflow } from "../../workflows/loyalty-terminal/workflows/report-pin-failures"
import { accountByCode, tillAccount } from "./till"

/** The payload of an offline `award`: what POST /terminal/awards takes, the account by id or card number. */
export const OfflineAwardPayload = z
  .object({
    account_id: z.string().min(1).max(100).optional(),
    card_number: z.string().trim().min(1).max(100).optional(),
    receipt_number: z.string().trim().min(1).max(64),
    amount: z.number().gt(0).max(1_000_000),
    currency_code: z.string().trim().length(3),
  })
  .refine((p) => !!p.account_id !== !!p.card_number, { message: "an award names account_id or card_number (one of them)" })

export type SyncResult = { client_id: string | null; status: "applied" | "replayed" | "refused"; reason?: string; message?: string; entry_id?: string | null; [figure: string]: unknown }

type Refused = { reason: string; message: string; details?: Record<string, unknown>; error?: unknown }

const terminals = (req: MedusaRequest) => req.scope.resolve<LoyaltyTerminalModuleService>(LOYALTY_TERMINAL_MODULE)

/** What an action recorded earlier answers on a new upload (nothing is checked or counted again). */
export function replayedResult(row: OfflineActionRow): SyncResult {
  if (row.status === "applied") return { client_id: row.client_id, status: "replayed", entry_id: row.entry_id }
  return { client_id: row.client_id, status: "refused", reason: row.reason ?? "not_allowed", review_status: row.status, ...(row.reason_details ?? {}) }
}

/**
 * Applies an offline award through the till's workflow (the receipt number is the key per store,
 * the caps apply). A manager's own action counts as approved by them. Refusals of the ledger and
 * of the terminal come back as `{ refused }`; anything else throws.
 */
export async function applyOfflineAward(
  req: MedusaRequest,
  action: OfflineAction,
  store: string,
  approvedBy: string | null,
  approvedByUser: string | null = null
): Promise<{ entry_id: string; replayed: boolean } | { refused: Refused }> {
  const parsed = OfflineAwardPayload.safeParse(action.payload)
  if (!parsed.success) {
    return { refused: { reason: "offline_action_invalid", message: `The award payload is invalid: ${parsed.error.issues.map((i) => i.message).join("; ")}`, details: { field: "payload" } } }
  }
  const payload = parsed.data
  try {
    const account = payload.account_id ? await tillAccount(req, payload.account_id) : await accountByCode(req, payload.card_number!)
    const { result } = await awardTerminalReceiptWorkflow(req.scope).run({
      input: {
        account_id: account.id,
        customer_id: account.customer_id,
        stock_location_id: store,
        receipt_number: payload.receipt_number,
        amount: payload.amount,
        currency_code: payload.currency_code,
        actor: { device_id: action.device_id, staff_id: action.staff_id },
        approved_by_staff_id: approvedBy,
        approved_by_user_id: approvedByUser,
      },
    })
    return { entry_id: result.entry.id, replayed: result.replayed }
  } catch (e) {
    if (isRefusal(e) || isTerminalRefusal(e)) {
      const err = e as { reason: string; message: string; details?: Record<string, unknown> }
      return { refused: { reason: err.reason, message: err.message, details: err.details ?? {}, error: e } }
    }
    throw e
  }
}

/**
 * One uploaded action: once per client id; the device must be this one and the staff member
 * allowed in its store; the signature must verify under their offline key (else a failed PIN
 * attempt, attempt id "sync:" + client id); created_at inside a bundle of the device; then applied.
 * Every refusal with a well-formed action is kept for review.
 */
export async function syncOfflineItem(req: MedusaRequest, device: TerminalDeviceView, item: { action: Record<string, unknown>; sealed_signature: string }): Promise<SyncResult> {
  const service = terminals(req)
  const rawClientId = typeof item.action.client_id === "string" ? item.action.client_id : null
  try {
    assertOfflineAction(item.action)
  } catch (e) {
    if (!(e instanceof OfflineFormatError)) throw e
    // Not a well-formed action: still kept for review (never dropped), under its client id when it
    // has one, else under a digest of what was uploaded (an upload again is the same row).
    const clientId = rawClientId?.trim() ? rawClientId : `malformed:${createHash("sha256").update(JSON.stringify(item)).digest("hex").slice(0, 32)}`
    const earlier = await service.getOfflineActionByClientId(clientId)
    if (earlier) return replayedResult(earlier)
    const { created, action: row } = await service.recordOfflineAction({
      client_id: clientId,
      device_id: device.id,
      stock_location_id: device.stock_location_id,
      staff_id: typeof item.action.staff_id === "string" ? item.action.staff_id : null,
      type: typeof item.action.type === "string" ? item.action.type : "unknown",
      action: item.action,
      status: "pending_review",
      reason: "offline_action_invalid",
      reason_details: { field: "action" },
      entry_id: null,
    })
    if (!created) return replayedResult(row)
    return { client_id: clientId, status: "refused", reason: "offline_action_invalid", message: e.message, field: "action", review_status: "pending_review" }
  }
  const action = item.action as OfflineAction
  const earlier = await service.getOfflineActionByClientId(action.client_id)
  if (earlier) return replayedResult(earlier)

  const store = device.stock_location_id
  const keep = async (refused: Refused, staffId: string | null): Promise<SyncResult> => {
    const { created, action: row } = await service.recordOfflineAction({
      client_id: action.client_id,
      device_id: device.id,
      stock_location_id: store,
      staff_id: staffId,
      type: action.type,
      action: action as unknown as Record<string, unknown>,
      status: "pending_review",
      reason: refused.reason,
      reason_details: refused.details ?? null,
      entry_id: null,
    })
    if (!created) return replayedResult(row)
    return { client_id: action.client_id, status: "refused", reason: refused.reason, message: refused.message, review_status: "pending_review", ...(refused.details ?? {}) }
  }

  if (action.device_id !== device.id) {
    return keep({ reason: "offline_action_invalid", message: `The action names device ${action.device_id}, not this device`, details: { field: "device_id" } }, null)
  }
  const staff = await service.offlineStaffKey(action.staff_id)
  if (!staff) return keep({ reason: "staff_not_found", message: `Staff member ${action.staff_id} was not found`, details: { staff_id: action.staff_id } }, null)
  if (!staff.stock_location_ids.includes(store)) {
    return keep({ reason: "staff_not_in_store", message: `Staff member ${staff.id} may not work in store ${store}`, details: { staff_id: staff.id, stock_location_id: store } }, staff.id)
  }
  const syncPrivateKey = service.syncPrivateKey()
  const valid =
    !!staff.public_key && !!syncPrivateKey && verifySealedOfflineAction({ publicKey: staff.public_key, action, sealedSignature: item.sealed_signature, syncPrivateKey })
  if (!valid) {
    // Counted once per client id (the attempt id), however often the tablet uploads it.
    await reportPinFailuresWorkflow(req.scope).run({
      input: { staff_id: staff.id, device_id: device.id, attempts: [{ attempt_id: `sync:${action.client_id}`, at: action.created_at }] },
    })
    return keep({ reason: "offline_signature_invalid", message: "The signature does not verify under the staff member's offline key (a wrong PIN?): counted as a failed PIN attempt", details: { staff_id: staff.id } }, staff.id)
  }
  if (!(await service.bundleCovers(device.id, new Date(action.created_at)))) {
    return keep({ reason: "offline_bundle_expired", message: `The action was taken at ${action.created_at}, outside the lifetime of every offline bundle this device was given`, details: { created_at: action.created_at } }, staff.id)
  }
  if (action.type !== "award") {
    return keep({ reason: "offline_action_unsupported", message: `Offline actions of type ${action.type} are not applied (only award)`, details: { type: action.type } }, staff.id)
  }
  const applied = await applyOfflineAward(req, action, store, staff.role === "manager" ? staff.id : null)
  if ("refused" in applied) return keep(applied.refused, staff.id)
  const { created, action: row } = await service.recordOfflineAction({
    client_id: action.client_id,
    device_id: device.id,
    stock_location_id: store,
    staff_id: staff.id,
    type: action.type,
    action: action as unknown as Record<string, unknown>,
    status: "applied",
    reason: null,
    reason_details: null,
    entry_id: applied.entry_id,
  })
  if (!created) return replayedResult(row)
  return { client_id: action.client_id, status: "applied", entry_id: applied.entry_id }
}
