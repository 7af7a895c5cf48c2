import { randomBytes, randomUUID } from "node:crypto"
import pruneOfflineBundles from "../../src/jobs/prune-offline-bundles"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LOYALTY_MODULE } from "../../src/modules/loyalty"
import type LoyaltyModuleService from "../../src/modules/loyalty/service"
import {
  OFFLINE_BUNDLE_FIELDS,
  OFFLINE_BUNDLE_STAFF_FIELDS,
  OFFLINE_SCRYPT_TEST_PARAMS,
  offlinePublicKey,
  sealSignatureForServer,
  signOfflineAction,
  unsealOfflineKey,
  type OfflineAction,
  type OfflineBundle,
} from "../../src/modules/loyalty-terminal/lib/offline"
import { adminHeaders, enrolledShopper, failure, seedStore, type StoreFixture } from "../fixtures"

jest.setTimeout(180_000)

/**
 * The offline bundle and the sync (issue 11, "Offline without an offline oracle"): a device gets
 * sealed keys (never a PIN hash or a public key) of the allowed, unlocked staff; actions signed
 * with the key of the right PIN apply once; a wrong PIN's key applies nothing and counts as failed
 * PINs; refused actions wait for an admin; revoked devices and expired bundles are refused.
 * (medusa-config.ts sets terminal.offlineScrypt = "test" for the test runs.)
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: StoreFixture
    let admin: { headers: Record<string, string> }
    let adminUserId: string
    let gare: string
    let esch: string
    const staff: Record<string, any> = {}
    const PINS = { cashier: "482915", manager: "730264", locked: "615038", elsewhere: "904172", wren: "583016" }
    const pg = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const loyalty = () => getContainer().resolve<LoyaltyModuleService>(LOYALTY_MODULE)

    type Device = { id: string; token: string; headers: { headers: Record<string, string> } }
    async function pairIn(storeId: string, name: string): Promise<Device> {
      const { data: code } = await api.post(`/admin/loyalty/terminal/stores/${storeId}/pairing-codes`, {}, admin)
      const { data } = await api.post("/terminal/pair", { code: code.pairing_code.code, name })
      return { id: data.device.id, token: data.token, headers: { headers: { authorization: `Bearer ${data.token}` } } }
    }
    async function newStaff(name: string, role: string, stores: string[], pin: string) {
      const { data } = await api.post("/admin/loyalty/terminal/staff", { name, role, stock_location_ids: stores, pin }, admin)
      return data.staff
    }
    async function bundleOf(device: Device): Promise<OfflineBundle> {
      const res = await api.get("/terminal/offline-bundle", device.headers)
      expect(res.status).toBe(200)
      return res.data.bundle
    }
    function seedOf(bundle: OfflineBundle, staffId: string, pin: string) {
      const member = bundle.staff.find((s) => s.id === staffId)!
      return unsealOfflineKey({ pin, salt: member.salt, sealed: member.sealed, params: bundle.scrypt })
    }
    function award(device: Device, staffId: string, payload: Record<string, unknown>, created_at = new Date().toISOString()): OfflineAction {
      return { client_id: randomUUID(), type: "award", staff_id: staffId, device_id: device.id, created_at, payload: payload as any }
    }
    const signed = (seed: Buffer, bundle: OfflineBundle, action: OfflineAction) => ({
      action,
      sealed_signature: sealSignatureForServer({ signature: signOfflineAction(seed, action), action, syncPublicKey: bundle.sync_public_key }),
    })
    const sync = async (device: Device, items: unknown[]) => (await api.post("/terminal/sync", { actions: items }, device.headers)).data.results
    const balance = async (accountId: string) => (await loyalty().listLoyaltyAccounts({ id: accountId }))[0].balance
    const failures = async (staffId: string) => await pg()("loyalty_terminal_pin_event").where({ staff_id: staffId, type: "failure" })

    let device: Device

    beforeAll(async () => {
      const container = getContainer()
      store = await seedStore(container)
      admin = await adminHeaders(container)
      adminUserId = (await api.get("/admin/users/me", admin)).data.user.id
      for (const [key, name] of [["gare", "Offline Gare"], ["esch", "Offline Esch"]]) {
        const { data } = await api.post("/admin/stock-locations", { name }, admin)
        if (key === "gare") gare = data.stock_location.id
        else esch = data.stock_location.id
      }
      staff.cashier = await newStaff("Chris", "cashier", [gare], PINS.cashier)
      staff.manager = await newStaff("Mara", "manager", [gare], PINS.manager)
      staff.locked = await newStaff("Lou", "cashier", [gare], PINS.locked)
      staff.elsewhere = await newStaff("Eli", "cashier", [esch], PINS.elsewhere)
      device = await pairIn(gare, "Offline till")
      for (let i = 0; i < 5; i++) await failure(api.post("/terminal/sessions", { staff_id: staff.locked.id, pin: "000001" }, device.headers))
    })

    it("gives the allowed, unlocked staff's sealed keys (no PIN hash, no public key), the sync key, 24 h; the right PIN unseals the key the server verifies with", async () => {
      const res = await api.get("/terminal/offline-bundle", device.headers)
      const bundle: OfflineBundle = res.data.bundle
      expect(Object.keys(bundle).sort()).toEqual([...OFFLINE_BUNDLE_FIELDS].sort())
      expect(bundle).toMatchObject({ format: 1, device_id: device.id, stock_location_id: gare, scrypt: OFFLINE_SCRYPT_TEST_PARAMS })
      expect(Date.parse(bundle.expires_at) - Date.parse(bundle.issued_at)).toBe(24 * 3_600_000)
      expect(bundle.staff.map((s) => s.id).sort()).toEqual([staff.cashier.id, staff.manager.id].sort())
      for (const member of bundle.staff) expect(Object.keys(member).sort()).toEqual([...OFFLINE_BUNDLE_STAFF_FIELDS].sort())

      const text = JSON.stringify(res.data)
      for (const s of [staff.cashier, staff.manager]) {
        const row = await pg()("loyalty_terminal_staff").where({ id: s.id }).first()
        expect(row.offline_public_key).toBeTruthy()
        expect(text).not.toContain(row.offline_public_key)
        for (const part of row.pin_hash.split("$").slice(4)) expect(text).not.toContain(part)
        expect(text).not.toContain("pin_hash")
        const seed = seedOf(bundle, s.id, s.id === staff.cashier.id ? PINS.cashier : PINS.manager)
        expect(seed).not.toBeNull()
        expect(offlinePublicKey(seed!).toString("base64url")).toBe(row.offline_public_key)
      }
    })

    it("a PIN reset seals a new key under a new salt; a session open keeps the key", async () => {
      const s = await newStaff("Rae", "cashier", [gare], "260719")
      const before = await pg()("loyalty_terminal_staff").where({ id: s.id }).first()
      await api.post("/terminal/sessions", { staff_id: s.id, pin: "260719" }, device.headers)
      const afterSession = await pg()("loyalty_terminal_staff").where({ id: s.id }).first()
      expect(afterSession.offline_public_key).toBe(before.offline_public_key)
      await api.post(`/admin/loyalty/terminal/staff/${s.id}/pin`, { pin: "918273" }, admin)
      const afterReset = await pg()("loyalty_terminal_staff").where({ id: s.id }).first()
      expect(afterReset.offline_salt).not.toBe(before.offline_salt)
      expect(afterReset.offline_public_key).not.toBe(before.offline_public_key)
      const bundle = await bundleOf(device)
      expect(seedOf(bundle, s.id, "918273")).not.toBeNull()
    })

    it("applies actions signed with the right PIN once, uploaded twice: the points are awarded once, the entries name device and staff", async () => {
      const shopper = await enrolledShopper(api, store, admin, 0, { prefix: "offline" })
      const [account] = await loyalty().listLoyaltyAccounts({ id: shopper.account_id })
      const bundle = await bundleOf(device)
      const seed = seedOf(bundle, staff.cashier.id, PINS.cashier)!
      const items = [
        signed(seed, bundle, award(device, staff.cashier.id, { account_id: account.id, receipt_number: "OFF-0001", amount: 20, currency_code: "eur" })),
        signed(seed, bundle, award(device, staff.cashier.id, { card_number: account.card_number, receipt_number: "OFF-0002", amount: 10, currency_code: "eur" })),
      ]
      const first = await sync(device, items)
      expect(first.map((r: any) => r.status)).toEqual(["applied", "applied"])
      const after = await balance(account.id)
      expect(after).toBeGreaterThan(0)

      const again = await sync(device, items)
      expect(again).toEqual(first.map((r: any) => ({ client_id: r.client_id, status: "replayed", entry_id: r.entry_id })))
      expect(await balance(account.id)).toBe(after)
      const { data: view } = await api.get(`/admin/loyalty/accounts/${account.id}`, admin)
      const earned = view.entries.filter((e: any) => first.some((r: any) => r.entry_id === e.id))
      expect(earned).toHaveLength(2)
      for (const e of earned) expect(e).toMatchObject({ actor_device_id: device.id, actor_staff_id: staff.cashier.id })
      expect(await failures(staff.cashier.id)).toHaveLength(0)
    })

    it("refuses actions signed with a wrong PIN's key, keeps them for review and counts each as a failed PIN once: 5 lock the staff member", async () => {
      staff.wren = await newStaff("Wren", "cashier", [gare], PINS.wren)
      const bundle = await bundleOf(device)
      const member = bundle.staff.find((s) => s.id === staff.wren.id)!
      // A wrong PIN that passes the 8-bit check (about 1 in 256): offline it looks right.
      let wrongSeed: Buffer | null = null
      for (let n = 100000; n < 1000000 && !wrongSeed; n++) {
        const pin = String(n)
        if (pin === PINS.wren) continue
        wrongSeed = unsealOfflineKey({ pin, salt: member.salt, sealed: member.sealed, params: bundle.scrypt })
      }
      expect(wrongSeed).not.toBeNull()
      const shopper = await enrolledShopper(api, store, admin, 0, { prefix: "offline-wrong" })
      const items = [1, 2, 3, 4, 5].map((i) =>
        signed(wrongSeed!, bundle, award(device, staff.wren.id, { account_id: shopper.account_id, receipt_number: `WRONG-${i}`, amount: 10, currency_code: "eur" }))
      )
      const results = await sync(device, items)
      expect(results.map((r: any) => [r.status, r.reason])).toEqual(items.map(() => ["refused", "offline_signature_invalid"]))
      expect(await balance(shopper.account_id)).toBe(0)
      const events = await failures(staff.wren.id)
      expect(events.map((e: any) => e.attempt_id).sort()).toEqual(items.map((i) => `sync:${i.action.client_id}`).sort())
      const row = await pg()("loyalty_terminal_staff").where({ id: staff.wren.id }).first()
      expect(new Date(row.locked_until).getTime()).toBeGreaterThan(Date.now())

      // Uploaded again: the same answers, nothing counted twice.
      const again = await sync(device, items)
      expect(again.map((r: any) => [r.status, r.reason])).toEqual(items.map(() => ["refused", "offline_signature_invalid"]))
      expect(await failures(staff.wren.id)).toHaveLength(5)

      const { data } = await api.get("/admin/loyalty/terminal/offline-actions?status=pending_review", admin)
      const kept = data.offline_actions.filter((a: any) => a.staff_id === staff.wren.id)
      expect(kept).toHaveLength(5)
      for (const a of kept) expect(a).toMatchObject({ status: "pending_review", reason: "offline_signature_invalid", device_id: device.id, stock_location_id: gare, type: "award" })

      // The locked staff member is left out of the next bundle.
      expect((await bundleOf(device)).staff.map((s) => s.id)).not.toContain(staff.wren.id)
    })

    it("an admin re-awards one refused action (recorded as theirs) and discards another with a reason", async () => {
      // (The database is restored before each test: refuse three actions signed with a random key here.)
      const bundle = await bundleOf(device)
      const shopper = await enrolledShopper(api, store, admin, 0, { prefix: "offline-review" })
      const wrongAccount = shopper.account_id
      const randomSeed = randomBytes(32)
      const items = [1, 2, 3].map((i) =>
        signed(randomSeed, bundle, award(device, staff.cashier.id, { account_id: wrongAccount, receipt_number: `REVIEW-${i}`, amount: 10, currency_code: "eur" }))
      )
      expect((await sync(device, items)).map((r: any) => r.reason)).toEqual(items.map(() => "offline_signature_invalid"))
      const { data: pending } = await api.get("/admin/loyalty/terminal/offline-actions?status=pending_review", admin)
      const refusedIds = items.map((i) => pending.offline_actions.find((a: any) => a.client_id === i.action.client_id).id)
      const [one, two] = refusedIds
      const res = await api.post(`/admin/loyalty/terminal/offline-actions/${one}/award`, {}, admin)
      expect(res.status).toBe(200)
      expect(res.data.offline_action).toMatchObject({ id: one, status: "applied", resolved_by: adminUserId })
      expect(res.data.offline_action.entry_id).toBe(res.data.entry_id)
      expect(await balance(wrongAccount)).toBeGreaterThan(0)
      const twice = await failure(api.post(`/admin/loyalty/terminal/offline-actions/${one}/award`, {}, admin))
      expect({ status: twice.status, reason: twice.data.reason }).toEqual({ status: 409, reason: "offline_action_resolved" })

      const discarded = await api.post(`/admin/loyalty/terminal/offline-actions/${two}/discard`, { reason: "Not our customer" }, admin)
      expect(discarded.data.offline_action).toMatchObject({ id: two, status: "discarded", resolved_by: adminUserId, resolution_note: "Not our customer" })
      const noReason = await failure(api.post(`/admin/loyalty/terminal/offline-actions/${refusedIds[2]}/discard`, {}, admin))
      expect(noReason.status).toBe(400)
      const { data } = await api.get("/admin/loyalty/terminal/offline-actions?status=discarded", admin)
      expect(data.offline_actions.map((a: any) => a.id)).toContain(two)
    })

    it("keeps a malformed upload for review too (never dropped), once however often it comes", async () => {
      const junk = { action: { type: "award", payload: { amount: "lots" } }, sealed_signature: "not-a-signature" }
      const [first] = await sync(device, [junk])
      expect(first).toMatchObject({ status: "refused", reason: "offline_action_invalid", review_status: "pending_review" })
      expect(first.client_id).toMatch(/^malformed:[0-9a-f]{32}$/)
      const [again] = await sync(device, [junk])
      expect(again.client_id).toBe(first.client_id)
      const { data } = await api.get("/admin/loyalty/terminal/offline-actions?status=pending_review", admin)
      expect(data.offline_actions.filter((a: any) => a.client_id === first.client_id)).toHaveLength(1)
    })

    it("an admin's re-award is the approval an award above the manager threshold needs (recorded on the entry)", async () => {
      const bundle = await bundleOf(device)
      const shopper = await enrolledShopper(api, store, admin, 0, { prefix: "offline-big" })
      // A key no PIN unseals: refused and kept; 1500 points is above the default threshold (1000).
      const item = signed(randomBytes(32), bundle, award(device, staff.cashier.id, { account_id: shopper.account_id, receipt_number: "BIG-1", amount: 1500, currency_code: "eur" }))
      expect((await sync(device, [item]))[0].reason).toBe("offline_signature_invalid")
      const { data: pending } = await api.get("/admin/loyalty/terminal/offline-actions?status=pending_review", admin)
      const row = pending.offline_actions.find((a: any) => a.client_id === item.action.client_id)
      const res = await api.post(`/admin/loyalty/terminal/offline-actions/${row.id}/award`, {}, admin)
      expect(res.status).toBe(200)
      expect(await balance(shopper.account_id)).toBe(1500)
      const [entry] = await loyalty().listLoyaltyLedgerEntries({ id: res.data.entry_id })
      expect(entry.metadata).toMatchObject({ approved_by_user_id: adminUserId, approved_by_staff_id: null })
    })

    it("refuses (and keeps) an action taken after the device's bundle expired; a valid signature is no PIN failure", async () => {
      const late = await pairIn(gare, "Late till")
      const bundle = await bundleOf(late)
      await pg()("loyalty_terminal_offline_bundle")
        .where({ device_id: late.id })
        .update({ issued_at: new Date(Date.now() - 25 * 3_600_000), expires_at: new Date(Date.now() - 3_600_000) })
      const shopper = await enrolledShopper(api, store, admin, 0, { prefix: "offline-late" })
      const seed = seedOf(bundle, staff.cashier.id, PINS.cashier)!
      const before = (await failures(staff.cashier.id)).length
      const [result] = await sync(late, [signed(seed, bundle, award(late, staff.cashier.id, { account_id: shopper.account_id, receipt_number: "LATE-1", amount: 10, currency_code: "eur" }))])
      expect(result).toMatchObject({ status: "refused", reason: "offline_bundle_expired" })
      expect(await balance(shopper.account_id)).toBe(0)
      expect(await failures(staff.cashier.id)).toHaveLength(before)
      const kept = await pg()("loyalty_terminal_offline_action").where({ client_id: result.client_id }).first()
      expect(kept).toMatchObject({ status: "pending_review", reason: "offline_bundle_expired" })
    })

    it("a daily job forgets bundles that expired more than 90 days ago, and keeps newer ones", async () => {
      const tablet = await pairIn(gare, "Pruned till")
      await bundleOf(tablet)
      await bundleOf(tablet)
      const rows = () => pg()("loyalty_terminal_offline_bundle").where({ device_id: tablet.id }).select("id")
      expect(await rows()).toHaveLength(2)
      const day = 86_400_000
      expect((await pruneOfflineBundles(getContainer(), { now: new Date(Date.now() + 80 * day) })).pruned).toBe(0)
      expect(await rows()).toHaveLength(2)
      // 24 h bundles: expired after a day, forgotten 90 days later.
      expect((await pruneOfflineBundles(getContainer(), { now: new Date(Date.now() + 92 * day) })).pruned).toBeGreaterThanOrEqual(2)
      expect(await rows()).toHaveLength(0)
    })

    it("refuses an action naming another device, and a signature sealed for another action", async () => {
      const bundle = await bundleOf(device)
      const seed = seedOf(bundle, staff.manager.id, PINS.manager)!
      const other = await pairIn(gare, "Other till")
      const shopper = await enrolledShopper(api, store, admin, 0, { prefix: "offline-other" })
      const foreign = signed(seed, bundle, award(other, staff.manager.id, { account_id: shopper.account_id, receipt_number: "FOREIGN-1", amount: 5, currency_code: "eur" }))
      const [r1] = await sync(device, [foreign])
      expect(r1).toMatchObject({ status: "refused", reason: "offline_action_invalid", field: "device_id" })
      const a = signed(seed, bundle, award(device, staff.manager.id, { account_id: shopper.account_id, receipt_number: "SWAP-1", amount: 5, currency_code: "eur" }))
      const b = award(device, staff.manager.id, { account_id: shopper.account_id, receipt_number: "SWAP-2", amount: 500, currency_code: "eur" })
      const [r2] = await sync(device, [{ action: b, sealed_signature: a.sealed_signature }])
      expect(r2).toMatchObject({ status: "refused", reason: "offline_signature_invalid" })
      expect(await balance(shopper.account_id)).toBe(0)
    })

    it("a revoked device gets no bundle and cannot sync", async () => {
      const doomed = await pairIn(gare, "Stolen till")
      const bundle = await bundleOf(doomed)
      const seed = seedOf(bundle, staff.cashier.id, PINS.cashier)!
      await api.post(`/admin/loyalty/terminal/devices/${doomed.id}/revoke`, {}, admin)
      const b = await failure(api.get("/terminal/offline-bundle", doomed.headers))
      expect({ status: b.status, reason: b.data.reason }).toEqual({ status: 403, reason: "device_revoked" })
      const shopper = await enrolledShopper(api, store, admin, 0, { prefix: "offline-stolen" })
      const s = await failure(
        api.post("/terminal/sync", { actions: [signed(seed, bundle, award(doomed, staff.cashier.id, { account_id: shopper.account_id, receipt_number: "STOLEN-1", amount: 5, currency_code: "eur" }))] }, doomed.headers)
      )
      expect({ status: s.status, reason: s.data.reason }).toEqual({ status: 403, reason: "device_revoked" })
      expect(await balance(shopper.account_id)).toBe(0)
      const none = await failure(api.get("/terminal/offline-bundle"))
      expect(none.status).toBe(401)
    })
  },
})
