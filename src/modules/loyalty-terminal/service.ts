import type { Context } from "@medusajs/framework/types"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId, InjectManager, InjectTransactionManager, MedusaContext, MedusaError, MedusaService } from "@medusajs/framework/utils"
import { afterFailure, attemptsLeft, isLocked, type LockoutState } from "./lib/lockout"
import { PairingLimiter } from "./lib/pairing-limiter"
import { hashPin, verifyPin } from "./lib/pin-hash"
import { terminalRefusal } from "./lib/terminal-refusal"
import { newPairingCode, newToken, normalizePairingCode, sha256Hex } from "./lib/tokens"
import {
  buildOfflineBundle,
  generateOfflineKey,
  newOfflineSalt,
  OFFLINE_SCRYPT_PARAMS,
  OFFLINE_SCRYPT_TEST_PARAMS,
  sealOfflineKeyAsync,
  toBase64Url,
  type OfflineBundle,
  type OfflineScryptParams,
} from "./lib/offline"
import { syncKeyPairFromConfig } from "./lib/sync-key"
import { TerminalDevice, TerminalOfflineAction, TerminalOfflineBundle, TerminalPairingCode, TerminalPinEvent, TerminalSession, TerminalStaff } from "./models"
import { terminalSettingsFromOptions, type TerminalOptions, type TerminalSettings } from "./options"
import type { PinActor, PinCheckOutcome, ReportedAttempt, StaffRole, TerminalDeviceView, TerminalSessionView, TerminalStaffView } from "./types"

const T = {
  device: "loyalty_terminal_device",
  code: "loyalty_terminal_pairing_code",
  staff: "loyalty_terminal_staff",
  event: "loyalty_terminal_pin_event",
  session: "loyalty_terminal_session",
  bundle: "loyalty_terminal_offline_bundle",
  action: "loyalty_terminal_offline_action",
} as const

/** Tolerance for a tablet's clock when an offline action's created_at is checked against a bundle's lifetime. */
export const OFFLINE_CLOCK_SKEW_MS = 5 * 60_000

/** The offline key columns of a staff row, written together. */
type OfflineKeyColumns = { offline_salt: string; offline_sealed: string; offline_public_key: string; offline_scrypt: string }

export type OfflineActionStatus = "applied" | "pending_review" | "discarded"

export type OfflineActionRow = {
  id: string
  client_id: string
  device_id: string
  stock_location_id: string
  staff_id: string | null
  type: string
  action: Record<string, unknown>
  status: OfflineActionStatus
  reason: string | null
  reason_details: Record<string, unknown> | null
  entry_id: string | null
  resolved_by: string | null
  resolved_at: Date | null
  resolution_note: string | null
  created_at: Date
  updated_at: Date
}

const OFFLINE_ACTION_COLUMNS = ["id", "client_id", "device_id", "stock_location_id", "staff_id", "type", "action", "status", "reason", "reason_details", "entry_id", "resolved_by", "resolved_at", "resolution_note", "created_at", "updated_at"]

/** How long a PIN check waits for the staff row another check holds. */
const LOCK_TIMEOUT_MS = 15_000
/** `last_seen_at` is written at most this often per device. */
const SEEN_EVERY_MS = 60_000

type StaffRow = LockoutState & {
  id: string
  name: string
  role: StaffRole
  stock_location_ids: string[]
  user_id: string | null
  pin_hash: string
  pin_changed_at: Date | null
  offline_salt: string
  offline_sealed: string | null
  offline_public_key: string | null
  offline_scrypt: string | null
  created_at: Date
}

type DeviceRow = TerminalDeviceView & { token_hash: string }

function writer(sharedContext: Context): Knex.Transaction {
  const knex = (sharedContext.transactionManager as { getTransactionContext?(): Knex.Transaction } | undefined)?.getTransactionContext?.()
  if (!knex) throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "Terminal changes must run inside a transaction")
  return knex
}

function reader(sharedContext: Context): Knex {
  const manager = (sharedContext.transactionManager ?? sharedContext.manager) as { getTransactionContext?(): Knex.Transaction | undefined; getKnex?(): Knex } | undefined
  const knex = manager?.getTransactionContext?.() ?? manager?.getKnex?.()
  if (!knex) throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "No database connection for the terminal read")
  return knex
}

export function deviceView(row: DeviceRow): TerminalDeviceView {
  const { id, stock_location_id, name, token_rotated_at, revoked_at, revoked_by, last_seen_at, metadata, created_at } = row
  return { id, stock_location_id, name, token_rotated_at, revoked_at, revoked_by, last_seen_at, metadata, created_at }
}

export function staffView(row: StaffRow, settings: TerminalSettings, now = new Date()): TerminalStaffView {
  const windowOver = !row.window_started_at || now.getTime() - new Date(row.window_started_at).getTime() >= settings.failureWindowMinutes * 60_000
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    stock_location_ids: row.stock_location_ids ?? [],
    user_id: row.user_id,
    pin_changed_at: row.pin_changed_at,
    failed_count: windowOver ? 0 : row.failed_count,
    locked_until: isLocked(row, now) ? row.locked_until : null,
    lock_count: row.lock_count,
    last_locked_at: row.last_locked_at,
    created_at: row.created_at,
  }
}

/**
 * In-store terminals: paired devices, staff with PINs and the server-side lockout, staff
 * sessions. The lockout columns change only under the staff row's lock (SELECT ... FOR UPDATE),
 * so parallel checks on several devices count every failure once and lock once.
 */
export default class LoyaltyTerminalModuleService extends MedusaService({
  LoyaltyTerminalDevice: TerminalDevice,
  LoyaltyTerminalPairingCode: TerminalPairingCode,
  LoyaltyTerminalStaff: TerminalStaff,
  LoyaltyTerminalPinEvent: TerminalPinEvent,
  LoyaltyTerminalSession: TerminalSession,
  LoyaltyTerminalOfflineBundle: TerminalOfflineBundle,
  LoyaltyTerminalOfflineAction: TerminalOfflineAction,
}) {
  readonly settings: TerminalSettings
  protected readonly pairingLimiter_: PairingLimiter
  protected readonly syncKey_: { privateKey: Buffer; publicKey: Buffer } | null

  constructor(container: Record<string, unknown>, options: { terminal?: TerminalOptions; encryptionKey?: string } = {}) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.settings = terminalSettingsFromOptions(options)
    this.syncKey_ = syncKeyPairFromConfig(options.encryptionKey)
    this.pairingLimiter_ = new PairingLimiter({
      perIp: this.settings.pairingMaxFailuresPerIp,
      global: this.settings.pairingMaxFailuresGlobal,
      windowMs: this.settings.pairingWindowMinutes * 60_000,
    })
  }

  // ---------------------------------------------------------------- pairing and devices

  /** A pairing code for a store; only its hash is kept, the code is returned once. */
  @InjectManager()
  async createPairingCode(input: { stock_location_id: string; created_by?: string | null }, @MedusaContext() sharedContext: Context = {}) {
    return await this.createPairingCode_(input, sharedContext)
  }

  @InjectTransactionManager()
  protected async createPairingCode_(input: { stock_location_id: string; created_by?: string | null }, @MedusaContext() sharedContext: Context = {}) {
    const code = newPairingCode()
    const expires_at = new Date(Date.now() + this.settings.pairingCodeMinutes * 60_000)
    const id = generateEntityId(undefined, "ltpair")
    await writer(sharedContext)(T.code).insert({ id, stock_location_id: input.stock_location_id, code_hash: sha256Hex(code), expires_at, created_by: input.created_by ?? null })
    return { id, code, expires_at, stock_location_id: input.stock_location_id }
  }

  /** Trades a pairing code for a device and its token. Wrong codes count against `ip` (429 past the limit). */
  @InjectManager()
  async pairDevice(input: { code: string; name?: string | null; ip: string }, @MedusaContext() sharedContext: Context = {}) {
    const wait = this.pairingLimiter_.retryAfterMs(input.ip)
    if (wait > 0) {
      throw terminalRefusal("pairing_rate_limited", `Too many wrong pairing codes: try again in ${Math.ceil(wait / 1000)} s`, { retry_after_ms: wait })
    }
    try {
      return await this.pairDevice_(input, sharedContext)
    } catch (e) {
      if ((e as { reason?: string }).reason === "pairing_code_invalid") this.pairingLimiter_.recordFailure(input.ip)
      throw e
    }
  }

  @InjectTransactionManager()
  protected async pairDevice_(input: { code: string; name?: string | null }, @MedusaContext() sharedContext: Context = {}) {
    const knex = writer(sharedContext)
    const now = new Date()
    const code = await knex(T.code).where({ code_hash: sha256Hex(normalizePairingCode(input.code)) }).whereNull("deleted_at").forUpdate().first()
    if (!code) throw terminalRefusal("pairing_code_invalid", "This pairing code does not exist: check it or ask for a new one")
    if (code.used_at) throw terminalRefusal("pairing_code_used", "This pairing code was already used: ask for a new one")
    if (new Date(code.expires_at) <= now) {
      throw terminalRefusal("pairing_code_expired", `This pairing code expired at ${new Date(code.expires_at).toISOString()}: ask for a new one`, { expires_at: new Date(code.expires_at).toISOString() })
    }
    const token = newToken()
    const id = generateEntityId(undefined, "ltdev")
    const [device] = await knex(T.device)
      .insert({ id, stock_location_id: code.stock_location_id, name: input.name?.trim() || `Terminal ${id.slice(-6)}`, token_hash: sha256Hex(token), last_seen_at: now })
      .returning("*")
    await knex(T.code).where({ id: code.id }).update({ used_at: now, device_id: id, updated_at: now })
    return { device: deviceView(device), token }
  }

  /**
   * The device a bearer token belongs to, refused when unknown (`device_not_paired`) or revoked
   * (`device_revoked`). Marks it seen (at most once a minute).
   */
  @InjectManager()
  async authenticateDevice(token: string, @MedusaContext() sharedContext: Context = {}): Promise<TerminalDeviceView> {
    const knex = reader(sharedContext)
    const device: DeviceRow | undefined = token ? await knex(T.device).where({ token_hash: sha256Hex(token) }).whereNull("deleted_at").first() : undefined
    if (!device) throw terminalRefusal("device_not_paired", "This device is not paired (or its token was rotated): pair it with a code from the admin")
    if (device.revoked_at) throw terminalRefusal("device_revoked", `Device ${device.id} was revoked`, { device_id: device.id })
    const now = new Date()
    if (!device.last_seen_at || now.getTime() - new Date(device.last_seen_at).getTime() >= SEEN_EVERY_MS) {
      await knex(T.device).where({ id: device.id }).update({ last_seen_at: now })
      device.last_seen_at = now
    }
    return deviceView(device)
  }

  @InjectManager()
  async listDevices(filters: { stock_location_id?: string; include_revoked?: boolean } = {}, @MedusaContext() sharedContext: Context = {}) {
    const q = reader(sharedContext)(T.device).whereNull("deleted_at").orderBy("created_at", "asc")
    if (filters.stock_location_id) q.where({ stock_location_id: filters.stock_location_id })
    if (filters.include_revoked === false) q.whereNull("revoked_at")
    return ((await q) as DeviceRow[]).map(deviceView)
  }

  @InjectManager()
  async getDevice(id: string, @MedusaContext() sharedContext: Context = {}) {
    return deviceView(await this.deviceRow_(reader(sharedContext), id))
  }

  protected async deviceRow_(knex: Knex, id: string, lock = false): Promise<DeviceRow> {
    const q = knex(T.device).where({ id }).whereNull("deleted_at")
    const row = await (lock ? q.forUpdate() : q).first()
    if (!row) throw terminalRefusal("not_found", `Terminal device ${id} was not found`)
    return row
  }

  @InjectManager()
  async renameDevice(id: string, name: string, @MedusaContext() sharedContext: Context = {}) {
    return await this.renameDevice_(id, name, sharedContext)
  }

  @InjectTransactionManager()
  protected async renameDevice_(id: string, name: string, @MedusaContext() sharedContext: Context = {}) {
    const knex = writer(sharedContext)
    await this.deviceRow_(knex, id, true)
    const [row] = await knex(T.device).where({ id }).update({ name, updated_at: new Date() }).returning("*")
    return deviceView(row)
  }

  /** A new token for a device; the old one is refused from now on. A revoked device stays revoked. */
  @InjectManager()
  async rotateDeviceToken(id: string, @MedusaContext() sharedContext: Context = {}) {
    return await this.rotateDeviceToken_(id, sharedContext)
  }

  @InjectTransactionManager()
  protected async rotateDeviceToken_(id: string, @MedusaContext() sharedContext: Context = {}) {
    const knex = writer(sharedContext)
    const device = await this.deviceRow_(knex, id, true)
    if (device.revoked_at) throw terminalRefusal("device_revoked", `Device ${id} was revoked: pair a new one instead`, { device_id: id })
    const token = newToken()
    const now = new Date()
    const [row] = await knex(T.device).where({ id }).update({ token_hash: sha256Hex(token), token_rotated_at: now, updated_at: now }).returning("*")
    return { device: deviceView(row), token }
  }

  /** Revokes a device and ends its sessions. `revoked_now` is false when it already was. */
  @InjectManager()
  async revokeDevice(id: string, userId: string | null, @MedusaContext() sharedContext: Context = {}) {
    return await this.revokeDevice_(id, userId, sharedContext)
  }

  @InjectTransactionManager()
  protected async revokeDevice_(id: string, userId: string | null, @MedusaContext() sharedContext: Context = {}) {
    const knex = writer(sharedContext)
    const device = await this.deviceRow_(knex, id, true)
    if (device.revoked_at) return { device: deviceView(device), revoked_now: false }
    const now = new Date()
    const [row] = await knex(T.device).where({ id }).update({ revoked_at: now, revoked_by: userId, updated_at: now }).returning("*")
    await knex(T.session).where({ device_id: id }).whereNull("ended_at").update({ ended_at: now, ended_reason: "device_revoked", updated_at: now })
    return { device: deviceView(row), revoked_now: true }
  }

  // ---------------------------------------------------------------- staff

  @InjectManager()
  async createStaff(
    input: { name: string; role: StaffRole; stock_location_ids: string[]; user_id?: string | null; pin: string },
    @MedusaContext() sharedContext: Context = {}
  ) {
    const pin_hash = await hashPin(input.pin)
    const offline = await this.sealOfflineKey_(input.pin, newOfflineSalt().toString("base64url"))
    return await this.createStaff_({ ...input, pin_hash, offline }, sharedContext)
  }

  @InjectTransactionManager()
  protected async createStaff_(
    input: { name: string; role: StaffRole; stock_location_ids: string[]; user_id?: string | null; pin_hash: string; offline: OfflineKeyColumns },
    @MedusaContext() sharedContext: Context = {}
  ) {
    const now = new Date()
    const [row] = await writer(sharedContext)(T.staff)
      .insert({
        id: generateEntityId(undefined, "ltstaff"),
        name: input.name,
        role: input.role,
        stock_location_ids: JSON.stringify([...new Set(input.stock_location_ids)]),
        user_id: input.user_id ?? null,
        pin_hash: input.pin_hash,
        pin_changed_at: now,
        ...input.offline,
      })
      .returning("*")
    return staffView(row, this.settings)
  }

  @InjectManager()
  async listStaff(filters: { stock_location_id?: string } = {}, @MedusaContext() sharedContext: Context = {}) {
    const q = reader(sharedContext)(T.staff).whereNull("deleted_at").orderBy("created_at", "asc")
    if (filters.stock_location_id) q.whereRaw("stock_location_ids @> ?::jsonb", [JSON.stringify([filters.stock_location_id])])
    return ((await q) as StaffRow[]).map((r) => staffView(r, this.settings))
  }

  @InjectManager()
  async getStaff(id: string, @MedusaContext() sharedContext: Context = {}) {
    return staffView(await this.staffRow_(reader(sharedContext), id), this.settings)
  }

  protected async staffRow_(knex: Knex, id: string): Promise<StaffRow> {
    const row = await knex(T.staff).where({ id }).whereNull("deleted_at").first()
    if (!row) throw terminalRefusal("staff_not_found", `Staff member ${id} was not found`, { staff_id: id })
    return row
  }

  @InjectManager()
  async updateStaff(id: string, patch: { name?: string; role?: StaffRole; stock_location_ids?: string[]; user_id?: string | null }, @MedusaContext() sharedContext: Context = {}) {
    return await this.updateStaff_(id, patch, sharedContext)
  }

  @InjectTransactionManager()
  protected async updateStaff_(id: string, patch: { name?: string; role?: StaffRole; stock_location_ids?: string[]; user_id?: string | null }, @MedusaContext() sharedContext: Context = {}) {
    const knex = writer(sharedContext)
    await this.lockStaff_(knex, id)
    const values: Record<string, unknown> = { updated_at: new Date() }
    if (patch.name !== undefined) values.name = patch.name
    if (patch.role !== undefined) values.role = patch.role
    if (patch.user_id !== undefined) values.user_id = patch.user_id
    if (patch.stock_location_ids !== undefined) values.stock_location_ids = JSON.stringify([...new Set(patch.stock_location_ids)])
    const [row] = await knex(T.staff).where({ id }).update(values).returning("*")
    return staffView(row, this.settings)
  }

  /** The staff row, locked for this transaction (a busy row past the timeout is a 409). */
  protected async lockStaff_(knex: Knex.Transaction, id: string): Promise<StaffRow> {
    await knex.raw(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT_MS}ms'`)
    let row: StaffRow | undefined
    try {
      row = await knex(T.staff).where({ id }).whereNull("deleted_at").forUpdate().first()
    } catch (e) {
      if ((e as { code?: string }).code === "55P03") throw terminalRefusal("conflict", `Staff member ${id} is busy with another PIN check: try again`)
      throw e
    }
    if (!row) throw terminalRefusal("staff_not_found", `Staff member ${id} was not found`, { staff_id: id })
    return row
  }

  protected async event_(knex: Knex.Transaction, e: { staff_id: string; type: string; device_id?: string | null; attempt_id?: string | null; actor_user_id?: string | null; actor_staff_id?: string | null; locked_until?: Date | null; metadata?: Record<string, unknown> | null }) {
    const row = { id: generateEntityId(undefined, "ltpev"), ...e, metadata: e.metadata ? JSON.stringify(e.metadata) : null }
    if (!e.attempt_id) {
      await knex(T.event).insert(row)
      return true
    }
    // The unique attempt_id makes a repeated report a no-op, decided by the database.
    const inserted = await knex.raw(`insert into ?? (${Object.keys(row).map(() => "??").join(", ")}) values (${Object.keys(row).map(() => "?").join(", ")}) on conflict (attempt_id) where deleted_at is null do nothing returning id`, [
      T.event,
      ...Object.keys(row),
      ...Object.values(row).map((v) => v ?? null),
    ])
    return inserted.rows.length > 0
  }

  /** One failure counted on a locked row; writes the lock (and ends the staff's sessions) when it is the last allowed. */
  protected async countFailure_(knex: Knex.Transaction, row: StaffRow, deviceId: string | null, now: Date) {
    const next = afterFailure(row, now, this.settings)
    const { locked_now, ...state } = next
    await knex(T.staff).where({ id: row.id }).update({ ...state, updated_at: now })
    Object.assign(row, state)
    if (locked_now) {
      await this.event_(knex, { staff_id: row.id, type: "lock", device_id: deviceId, locked_until: state.locked_until, metadata: { lock_count: state.lock_count } })
      await knex(T.session).where({ staff_id: row.id }).whereNull("ended_at").update({ ended_at: now, ended_reason: "staff_locked", updated_at: now })
    }
    return locked_now
  }

  /**
   * Checks a PIN under the staff row's lock. While locked every PIN is refused unchecked; a
   * wrong one counts (and may lock); a right one clears the failures (not the lock count).
   */
  @InjectManager()
  async checkPin(input: { staff_id: string; pin: string; device_id?: string | null }, @MedusaContext() sharedContext: Context = {}): Promise<PinCheckOutcome> {
    return await this.checkPin_(input, sharedContext)
  }

  @InjectTransactionManager()
  protected async checkPin_(input: { staff_id: string; pin: string; device_id?: string | null }, @MedusaContext() sharedContext: Context = {}): Promise<PinCheckOutcome> {
    const knex = writer(sharedContext)
    const row = await this.lockStaff_(knex, input.staff_id)
    return await this.checkLockedRow_(knex, row, input.pin, input.device_id ?? null)
  }

  protected async checkLockedRow_(knex: Knex.Transaction, row: StaffRow, pin: string, deviceId: string | null): Promise<PinCheckOutcome> {
    const now = new Date()
    if (isLocked(row, now)) return { ok: false, reason: "staff_locked", staff_id: row.id, locked_until: row.locked_until!, lock_count: row.lock_count, locked_now: false }
    if (await verifyPin(pin, row.pin_hash)) {
      if (row.failed_count > 0) {
        await knex(T.staff).where({ id: row.id }).update({ failed_count: 0, window_started_at: null, updated_at: now })
        await this.event_(knex, { staff_id: row.id, type: "success_reset", device_id: deviceId, metadata: { failed_count: row.failed_count } })
        Object.assign(row, { failed_count: 0, window_started_at: null })
      }
      return { ok: true, staff: staffView(row, this.settings, now) }
    }
    await this.event_(knex, { staff_id: row.id, type: "failure", device_id: deviceId, metadata: { source: "online" } })
    if (await this.countFailure_(knex, row, deviceId, now)) {
      return { ok: false, reason: "staff_locked", staff_id: row.id, locked_until: row.locked_until!, lock_count: row.lock_count, locked_now: true }
    }
    return { ok: false, reason: "pin_incorrect", staff_id: row.id, attempts_left: attemptsLeft(row, this.settings), locked_now: false }
  }

  /**
   * Failures a tablet saw locally, counted like online ones; each `attempt_id` counts once.
   * Reports that arrive while the PIN is locked are recorded but do not count.
   */
  @InjectManager()
  async reportPinFailures(input: { staff_id: string; device_id: string; attempts: ReportedAttempt[] }, @MedusaContext() sharedContext: Context = {}) {
    return await this.reportPinFailures_(input, sharedContext)
  }

  @InjectTransactionManager()
  protected async reportPinFailures_(input: { staff_id: string; device_id: string; attempts: ReportedAttempt[] }, @MedusaContext() sharedContext: Context = {}) {
    const knex = writer(sharedContext)
    const row = await this.lockStaff_(knex, input.staff_id)
    let counted = 0
    let duplicates = 0
    let locked_now = false
    for (const attempt of input.attempts) {
      const now = new Date()
      const locked = isLocked(row, now)
      const fresh = await this.event_(knex, {
        staff_id: row.id,
        type: "failure",
        device_id: input.device_id,
        attempt_id: attempt.attempt_id,
        metadata: { source: "reported", reported_at: attempt.at ?? null, counted: !locked },
      })
      if (!fresh) {
        duplicates++
        continue
      }
      if (locked) continue
      counted++
      if (await this.countFailure_(knex, row, input.device_id, now)) locked_now = true
    }
    const view = staffView(row, this.settings)
    return { counted, duplicates, locked_now, staff: view, attempts_left: view.locked_until ? 0 : attemptsLeft(row, this.settings) }
  }

  /** Lifts a lock (and clears the failures); the lock count stays, so the next lock still doubles. */
  @InjectManager()
  async unlockStaff(id: string, actor: PinActor, @MedusaContext() sharedContext: Context = {}) {
    return await this.unlockStaff_(id, actor, sharedContext)
  }

  @InjectTransactionManager()
  protected async unlockStaff_(id: string, actor: PinActor, @MedusaContext() sharedContext: Context = {}) {
    const knex = writer(sharedContext)
    const row = await this.lockStaff_(knex, id)
    const now = new Date()
    const wasLocked = isLocked(row, now)
    // locked_until moves to now (not null): the lock count's reset is measured from the end of the last lock.
    const values = { failed_count: 0, window_started_at: null, locked_until: wasLocked ? now : row.locked_until, updated_at: now }
    await knex(T.staff).where({ id }).update(values)
    await this.event_(knex, { staff_id: id, type: "unlock", device_id: actor.device_id ?? null, actor_user_id: actor.user_id ?? null, actor_staff_id: actor.staff_id ?? null, metadata: { was_locked: wasLocked } })
    return staffView({ ...row, ...values }, this.settings, now)
  }

  /** Sets a new PIN: `pin_reset` by an admin or manager (ends the staff's sessions), `pin_changed` by the staff member. */
  @InjectManager()
  async setStaffPin(input: { staff_id: string; pin: string; type: "pin_reset" | "pin_changed"; actor: PinActor; keep_session_id?: string | null }, @MedusaContext() sharedContext: Context = {}) {
    const pin_hash = await hashPin(input.pin)
    // A new PIN, a new salt (two salts for one PIN would give a thief two check bytes) and a new key.
    const offline = await this.sealOfflineKey_(input.pin, newOfflineSalt().toString("base64url"))
    return await this.setStaffPin_({ ...input, pin_hash, offline }, sharedContext)
  }

  @InjectTransactionManager()
  protected async setStaffPin_(
    input: { staff_id: string; pin_hash: string; offline: OfflineKeyColumns; type: "pin_reset" | "pin_changed"; actor: PinActor; keep_session_id?: string | null },
    @MedusaContext() sharedContext: Context = {}
  ) {
    const knex = writer(sharedContext)
    const row = await this.lockStaff_(knex, input.staff_id)
    const now = new Date()
    await knex(T.staff).where({ id: row.id }).update({ pin_hash: input.pin_hash, pin_changed_at: now, ...input.offline, updated_at: now })
    const others = knex(T.session).where({ staff_id: row.id }).whereNull("ended_at")
    if (input.keep_session_id) others.whereNot({ id: input.keep_session_id })
    await others.update({ ended_at: now, ended_reason: "pin_changed", updated_at: now })
    await this.event_(knex, { staff_id: row.id, type: input.type, device_id: input.actor.device_id ?? null, actor_user_id: input.actor.user_id ?? null, actor_staff_id: input.actor.staff_id ?? null })
    return staffView({ ...row, pin_changed_at: now }, this.settings, now)
  }

  /** A staff member's own PIN change: the current PIN is checked (and counted) like any other. */
  @InjectManager()
  async changeOwnPin(input: { staff_id: string; current_pin: string; pin: string; device_id: string; session_id: string }, @MedusaContext() sharedContext: Context = {}) {
    const pin_hash = await hashPin(input.pin)
    const offline = await this.sealOfflineKey_(input.pin, newOfflineSalt().toString("base64url"))
    return await this.changeOwnPin_({ ...input, pin_hash, offline }, sharedContext)
  }

  @InjectTransactionManager()
  protected async changeOwnPin_(
    input: { staff_id: string; current_pin: string; pin_hash: string; offline: OfflineKeyColumns; device_id: string; session_id: string },
    @MedusaContext() sharedContext: Context = {}
  ) {
    const knex = writer(sharedContext)
    const row = await this.lockStaff_(knex, input.staff_id)
    const outcome = await this.checkLockedRow_(knex, row, input.current_pin, input.device_id)
    if (!outcome.ok) return outcome
    const now = new Date()
    await knex(T.staff).where({ id: row.id }).update({ pin_hash: input.pin_hash, pin_changed_at: now, ...input.offline, updated_at: now })
    await knex(T.session).where({ staff_id: row.id }).whereNull("ended_at").whereNot({ id: input.session_id }).update({ ended_at: now, ended_reason: "pin_changed", updated_at: now })
    await this.event_(knex, { staff_id: row.id, type: "pin_changed", device_id: input.device_id, actor_staff_id: row.id })
    return { ok: true as const, staff: staffView({ ...row, pin_changed_at: now }, this.settings, now) }
  }

  @InjectManager()
  async listPinEvents(staffId: string, page: { limit?: number; offset?: number } = {}, @MedusaContext() sharedContext: Context = {}) {
    const knex = reader(sharedContext)
    await this.staffRow_(knex, staffId)
    const q = knex(T.event).where({ staff_id: staffId }).whereNull("deleted_at")
    const [{ count }] = await q.clone().count({ count: "*" })
    const rows = await q
      .clone()
      .orderBy([{ column: "created_at", order: "desc" }, { column: "id", order: "desc" }])
      .limit(page.limit ?? 50)
      .offset(page.offset ?? 0)
      .select("id", "staff_id", "device_id", "type", "attempt_id", "actor_user_id", "actor_staff_id", "locked_until", "metadata", "created_at")
    return { events: rows, count: Number(count) }
  }

  // ---------------------------------------------------------------- sessions

  /**
   * Opens a staff session on a device: a staff member not allowed in the device's store is
   * refused before the PIN is looked at (not a PIN failure); then the PIN is checked and counted.
   */
  @InjectManager()
  async openSession(input: { device: TerminalDeviceView; staff_id: string; pin: string }, @MedusaContext() sharedContext: Context = {}) {
    return await this.openSession_(input, sharedContext)
  }

  @InjectTransactionManager()
  protected async openSession_(input: { device: TerminalDeviceView; staff_id: string; pin: string }, @MedusaContext() sharedContext: Context = {}) {
    const knex = writer(sharedContext)
    const row = await this.lockStaff_(knex, input.staff_id)
    const store = input.device.stock_location_id
    if (!(row.stock_location_ids ?? []).includes(store)) {
      throw terminalRefusal("staff_not_in_store", `Staff member ${row.id} may not work in store ${store}`, { staff_id: row.id, stock_location_id: store })
    }
    const outcome = await this.checkLockedRow_(knex, row, input.pin, input.device.id)
    if (!outcome.ok) return { outcome, session: null, token: null }
    // Staff created before offline keys existed (or sealed with other scrypt parameters) get a key
    // now, under their current salt. A key that exists is kept: bundles other tablets hold stay valid.
    if (!row.offline_sealed || !row.offline_public_key || row.offline_scrypt !== this.offlineScryptTag_()) {
      const offline = await this.sealOfflineKey_(input.pin, row.offline_salt)
      await knex(T.staff).where({ id: row.id }).update({ ...offline, updated_at: new Date() })
    }
    const token = newToken()
    const [session] = await knex(T.session)
      .insert({
        id: generateEntityId(undefined, "ltses"),
        device_id: input.device.id,
        staff_id: row.id,
        token_hash: sha256Hex(token),
        expires_at: new Date(Date.now() + this.settings.sessionMinutes * 60_000),
      })
      .returning(["id", "device_id", "staff_id", "expires_at", "ended_at", "ended_reason"])
    return { outcome, session: session as TerminalSessionView, token }
  }

  /**
   * The session of `X-Terminal-Session` on this device with its staff member, refused when unknown,
   * ended, expired, the PIN locked, or the staff member no longer allowed in the device's store.
   */
  @InjectManager()
  async authenticateSession(token: string, device: TerminalDeviceView, @MedusaContext() sharedContext: Context = {}) {
    const knex = reader(sharedContext)
    const session = token ? await knex(T.session).where({ token_hash: sha256Hex(token), device_id: device.id }).whereNull("deleted_at").first() : undefined
    if (!session) throw terminalRefusal("session_invalid", "No staff session has this token on this device: sign in with the PIN")
    if (session.ended_at) throw terminalRefusal("session_ended", `The session was ended (${session.ended_reason})`, { ended_reason: session.ended_reason })
    const now = new Date()
    if (new Date(session.expires_at) <= now) {
      throw terminalRefusal("session_expired", `The session expired at ${new Date(session.expires_at).toISOString()}`, { expires_at: new Date(session.expires_at).toISOString() })
    }
    const row = await this.staffRow_(knex, session.staff_id)
    if (isLocked(row, now)) throw terminalRefusal("staff_locked", `The PIN of staff member ${row.id} is locked`, { staff_id: row.id, locked_until: new Date(row.locked_until!).toISOString() })
    if (!(row.stock_location_ids ?? []).includes(device.stock_location_id)) {
      throw terminalRefusal("staff_not_in_store", `Staff member ${row.id} may not work in store ${device.stock_location_id}`, { staff_id: row.id, stock_location_id: device.stock_location_id })
    }
    const view: TerminalSessionView = { id: session.id, device_id: session.device_id, staff_id: session.staff_id, expires_at: session.expires_at, ended_at: null, ended_reason: null }
    return { session: view, staff: staffView(row, this.settings, now) }
  }

  @InjectManager()
  async endSession(id: string, reason: string, @MedusaContext() sharedContext: Context = {}) {
    return await this.endSession_(id, reason, sharedContext)
  }

  @InjectTransactionManager()
  protected async endSession_(id: string, reason: string, @MedusaContext() sharedContext: Context = {}) {
    const now = new Date()
    const [row] = await writer(sharedContext)(T.session).where({ id }).whereNull("ended_at").update({ ended_at: now, ended_reason: reason, updated_at: now }).returning(["id", "ended_at", "ended_reason"])
    return row ?? null
  }

  // ---------------------------------------------------------------- offline bundle and sync

  /** The scrypt parameters offline keys are sealed with (option terminal.offlineScrypt). */
  offlineScryptParams(): OfflineScryptParams {
    return { ...(this.settings.offlineScrypt === "test" ? OFFLINE_SCRYPT_TEST_PARAMS : OFFLINE_SCRYPT_PARAMS) }
  }

  protected offlineScryptTag_() {
    const { N, r, p } = this.offlineScryptParams()
    return `${N}.${r}.${p}`
  }

  /** A fresh offline seed sealed under the PIN (the seed itself is dropped here); ~100 ms of scrypt with production parameters, off the event loop. */
  protected async sealOfflineKey_(pin: string, salt: string): Promise<OfflineKeyColumns> {
    const { seed, publicKey } = generateOfflineKey()
    try {
      const sealed = await sealOfflineKeyAsync({ pin, salt, key: seed, params: this.offlineScryptParams(), allowWeakParams: this.settings.offlineScrypt === "test" })
      return { offline_salt: salt, offline_sealed: sealed, offline_public_key: toBase64Url(publicKey), offline_scrypt: this.offlineScryptTag_() }
    } finally {
      seed.fill(0)
    }
  }

  /** The server's sync private key, null without an encryption key. */
  syncPrivateKey(): Buffer | null {
    return this.syncKey_?.privateKey ?? null
  }

  protected requireSyncKey_() {
    if (!this.syncKey_) {
      throw terminalRefusal(
        "offline_not_configured",
        "Offline mode needs the plugin option encryptionKey (or REWARDFLOW_ENCRYPTION_KEY): the server's sync key is derived from it"
      )
    }
    return this.syncKey_
  }

  /**
   * The offline bundle of a device: each staff member allowed in its store, not locked, with an
   * offline key sealed under the current parameters (staff get one when they sign in). Its
   * lifetime is recorded for the sync's check.
   */
  @InjectManager()
  async issueOfflineBundle(device: TerminalDeviceView, @MedusaContext() sharedContext: Context = {}): Promise<OfflineBundle> {
    return await this.issueOfflineBundle_(device, sharedContext)
  }

  @InjectTransactionManager()
  protected async issueOfflineBundle_(device: TerminalDeviceView, @MedusaContext() sharedContext: Context = {}): Promise<OfflineBundle> {
    const syncKey = this.requireSyncKey_()
    const knex = writer(sharedContext)
    const now = new Date()
    const expiresAt = new Date(now.getTime() + this.settings.offlineBundleHours * 3_600_000)
    const rows: StaffRow[] = await knex(T.staff)
      .whereNull("deleted_at")
      .whereRaw("stock_location_ids @> ?::jsonb", [JSON.stringify([device.stock_location_id])])
      .whereNotNull("offline_sealed")
      .where({ offline_scrypt: this.offlineScryptTag_() })
      .where((q) => q.whereNull("locked_until").orWhere("locked_until", "<=", now))
      .orderBy("created_at", "asc")
    await knex(T.bundle).insert({ id: generateEntityId(undefined, "ltobun"), device_id: device.id, issued_at: now, expires_at: expiresAt })
    return buildOfflineBundle({
      device_id: device.id,
      stock_location_id: device.stock_location_id,
      issued_at: now,
      expires_at: expiresAt,
      params: this.offlineScryptParams(),
      allowWeakParams: this.settings.offlineScrypt === "test",
      sync_public_key: syncKey.publicKey,
      staff: rows.map((r) => ({ id: r.id, name: r.name, role: r.role, salt: r.offline_salt, sealed: r.offline_sealed! })),
    })
  }

  /** What the sync needs of a staff member: store, role, public key (never leaves the server). */
  @InjectManager()
  async offlineStaffKey(staffId: string, @MedusaContext() sharedContext: Context = {}) {
    const row: StaffRow | undefined = await reader(sharedContext)(T.staff).where({ id: staffId }).whereNull("deleted_at").first()
    if (!row) return null
    return { id: row.id, role: row.role, stock_location_ids: row.stock_location_ids ?? [], public_key: row.offline_public_key }
  }

  /**
   * Deletes the lifetimes of bundles that expired before `expiredBefore` (at most `limit`): a
   * tablet asks for a bundle every time it goes online, so they pile up. An action uploaded later
   * than that is refused with offline_bundle_expired and kept for review, like any late upload.
   */
  @InjectTransactionManager()
  async pruneOfflineBundles(expiredBefore: Date, limit = 5000, @MedusaContext() sharedContext: Context = {}): Promise<number> {
    const knex = writer(sharedContext)
    return await knex(T.bundle)
      .whereIn("id", knex(T.bundle).where("expires_at", "<", expiredBefore).orderBy("expires_at", "asc").limit(limit).select("id"))
      .delete()
  }

  /** True when `at` falls inside the lifetime of a bundle the device was given (the clock skew allowed at both ends). */
  @InjectManager()
  async bundleCovers(deviceId: string, at: Date, @MedusaContext() sharedContext: Context = {}) {
    const row = await reader(sharedContext)(T.bundle)
      .where({ device_id: deviceId })
      .whereNull("deleted_at")
      .where("issued_at", "<=", new Date(at.getTime() + OFFLINE_CLOCK_SKEW_MS))
      .where("expires_at", ">", new Date(at.getTime() - OFFLINE_CLOCK_SKEW_MS))
      .first("id")
    return !!row
  }

  @InjectManager()
  async getOfflineActionByClientId(clientId: string, @MedusaContext() sharedContext: Context = {}): Promise<OfflineActionRow | null> {
    return (await reader(sharedContext)(T.action).where({ client_id: clientId }).whereNull("deleted_at").first(OFFLINE_ACTION_COLUMNS)) ?? null
  }

  /** Records an uploaded action once per client_id; `created: false` returns the row recorded first. */
  @InjectManager()
  async recordOfflineAction(
    input: Pick<OfflineActionRow, "client_id" | "device_id" | "stock_location_id" | "staff_id" | "type" | "action" | "status" | "reason" | "reason_details" | "entry_id">,
    @MedusaContext() sharedContext: Context = {}
  ) {
    return await this.recordOfflineAction_(input, sharedContext)
  }

  @InjectTransactionManager()
  protected async recordOfflineAction_(
    input: Pick<OfflineActionRow, "client_id" | "device_id" | "stock_location_id" | "staff_id" | "type" | "action" | "status" | "reason" | "reason_details" | "entry_id">,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ created: boolean; action: OfflineActionRow }> {
    const knex = writer(sharedContext)
    const row = {
      id: generateEntityId(undefined, "ltoact"),
      ...input,
      action: JSON.stringify(input.action),
      reason_details: input.reason_details ? JSON.stringify(input.reason_details) : null,
    }
    const inserted = await knex.raw(
      `insert into ?? (${Object.keys(row).map(() => "??").join(", ")}) values (${Object.keys(row).map(() => "?").join(", ")}) on conflict (client_id) where deleted_at is null do nothing returning ${OFFLINE_ACTION_COLUMNS.map(() => "??").join(", ")}`,
      [T.action, ...Object.keys(row), ...Object.values(row).map((v) => v ?? null), ...OFFLINE_ACTION_COLUMNS]
    )
    if (inserted.rows.length) return { created: true, action: inserted.rows[0] }
    const existing = await knex(T.action).where({ client_id: input.client_id }).whereNull("deleted_at").first(OFFLINE_ACTION_COLUMNS)
    return { created: false, action: existing }
  }

  @InjectManager()
  async listOfflineActions(filters: { status?: OfflineActionStatus; stock_location_id?: string; limit?: number; offset?: number } = {}, @MedusaContext() sharedContext: Context = {}) {
    const q = reader(sharedContext)(T.action).whereNull("deleted_at")
    if (filters.status) q.where({ status: filters.status })
    if (filters.stock_location_id) q.where({ stock_location_id: filters.stock_location_id })
    const [{ count }] = await q.clone().count({ count: "*" })
    const rows = await q
      .clone()
      .orderBy([{ column: "created_at", order: "desc" }, { column: "id", order: "desc" }])
      .limit(filters.limit ?? 50)
      .offset(filters.offset ?? 0)
      .select(OFFLINE_ACTION_COLUMNS)
    return { offline_actions: rows as OfflineActionRow[], count: Number(count) }
  }

  @InjectManager()
  async getOfflineAction(id: string, @MedusaContext() sharedContext: Context = {}): Promise<OfflineActionRow> {
    const row = await reader(sharedContext)(T.action).where({ id }).whereNull("deleted_at").first(OFFLINE_ACTION_COLUMNS)
    if (!row) throw terminalRefusal("not_found", `Offline action ${id} was not found`)
    return row
  }

  /** Settles an action waiting for review (applied with its entry, or discarded); refused unless it is pending_review. */
  @InjectManager()
  async resolveOfflineAction(
    id: string,
    input: { status: "applied" | "discarded"; entry_id?: string | null; resolved_by: string | null; note?: string | null },
    @MedusaContext() sharedContext: Context = {}
  ) {
    return await this.resolveOfflineAction_(id, input, sharedContext)
  }

  @InjectTransactionManager()
  protected async resolveOfflineAction_(
    id: string,
    input: { status: "applied" | "discarded"; entry_id?: string | null; resolved_by: string | null; note?: string | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<OfflineActionRow> {
    const knex = writer(sharedContext)
    const row = await knex(T.action).where({ id }).whereNull("deleted_at").forUpdate().first()
    if (!row) throw terminalRefusal("not_found", `Offline action ${id} was not found`)
    if (row.status !== "pending_review") {
      throw terminalRefusal("offline_action_resolved", `Offline action ${id} is ${row.status} already`, { status: row.status })
    }
    const now = new Date()
    const [updated] = await knex(T.action)
      .where({ id })
      .update({ status: input.status, entry_id: input.entry_id ?? null, resolved_by: input.resolved_by, resolved_at: now, resolution_note: input.note ?? null, updated_at: now })
      .returning(OFFLINE_ACTION_COLUMNS)
    return updated
  }
}
