import { createHash } from "node:crypto"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStockLocationsWorkflow } from "@medusajs/medusa/core-flows"
import { adminHeaders, failure, seedStore, subscribersDone, type StoreFixture } from "../fixtures"

jest.setTimeout(180_000)

const PIN = "482915"
const OTHER_PIN = "731864"
const WRONG = "000001"

type Device = { device: any; token: string; headers: { headers: Record<string, string> } }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: StoreFixture
    let storeB: string
    let admin: { headers: Record<string, string> }
    let adminUserId: string
    /** Every response body of the suite, to check that no PIN and no hash ever comes back. */
    const bodies: string[] = []

    const pg = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const eventBus = () => getContainer().resolve(Modules.EVENT_BUS)
    const sha256 = (v: string) => createHash("sha256").update(v).digest("hex")
    const keep = <T extends { data: any }>(res: T) => {
      bodies.push(JSON.stringify(res.data))
      return res
    }
    const refused = async (p: Promise<unknown>) => {
      const f = await failure(p)
      bodies.push(JSON.stringify(f.data))
      return f
    }

    async function newCode(stockLocationId = store.stock_location_id) {
      const res = keep(await api.post(`/admin/loyalty/terminal/stores/${stockLocationId}/pairing-codes`, {}, admin))
      expect(res.status).toBe(201)
      return res.data.pairing_code as { code: string; expires_at: string }
    }

    async function pair(stockLocationId = store.stock_location_id, name?: string): Promise<Device> {
      const { code } = await newCode(stockLocationId)
      const res = keep(await api.post("/terminal/pair", { code, ...(name ? { name } : {}) }))
      expect(res.status).toBe(201)
      return { device: res.data.device, token: res.data.token, headers: { headers: { authorization: `Bearer ${res.data.token}` } } }
    }

    async function newStaff(body: Record<string, unknown> = {}) {
      const res = keep(
        await api.post("/admin/loyalty/terminal/staff", { name: "Anna", role: "cashier", stock_location_ids: [store.stock_location_id], pin: PIN, ...body }, admin)
      )
      expect(res.status).toBe(201)
      return res.data.staff
    }

    async function signIn(device: Device, staff_id: string, pin = PIN) {
      const res = keep(await api.post("/terminal/sessions", { staff_id, pin }, device.headers))
      expect(res.status).toBe(201)
      return { ...res.data, headers: { headers: { ...device.headers.headers, "x-terminal-session": res.data.token } } }
    }

    const wrongPin = (device: Device, staff_id: string, pin = WRONG) => refused(api.post("/terminal/sessions", { staff_id, pin }, device.headers))
    const staffRow = async (id: string) => (await pg()("loyalty_terminal_staff").where({ id }).first())
    const pinEvents = async (id: string) => (await pg()("loyalty_terminal_pin_event").where({ staff_id: id }).orderBy("created_at", "asc"))

    /** Records the events an action emits, waiting until each was delivered `count` times. */
    async function recordEvents(names: Record<string, number>, action: () => Promise<unknown>) {
      const seen: Record<string, any[]> = {}
      const recorders = Object.keys(names).map((name) => {
        seen[name] = []
        const subscriber = async (event: any) => {
          seen[name].push(event.data)
        }
        const context = { subscriberId: `terminal-recorder-${name}` }
        eventBus().subscribe(name, subscriber, context)
        return { name, subscriber, context }
      })
      try {
        const delivered = Object.entries(names).map(([name, triggerCount]) => subscribersDone(name, eventBus(), { triggerCount }))
        await action()
        await Promise.all(delivered)
      } finally {
        for (const r of recorders) eventBus().unsubscribe(r.name, r.subscriber, r.context)
      }
      return seen
    }

    beforeAll(async () => {
      const container = getContainer()
      store = await seedStore(container)
      admin = await adminHeaders(container)
      adminUserId = (await api.get("/admin/users/me", admin)).data.user.id
      const { result } = await createStockLocationsWorkflow(container).run({ input: { locations: [{ name: "RewardFlow Store B" }] } })
      storeB = result[0].id
    })

    describe("pairing", () => {
      it("pairs a device with an 8-character code once; only the hashes of code and token are stored", async () => {
        const { code, expires_at } = await newCode()
        expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/)
        const minutes = (new Date(expires_at).getTime() - Date.now()) / 60_000
        expect(minutes).toBeGreaterThan(9)
        expect(minutes).toBeLessThanOrEqual(10)

        const res = keep(await api.post("/terminal/pair", { code: code.toLowerCase(), name: "Till 1" }))
        expect(res.status).toBe(201)
        expect(res.data.device).toMatchObject({ stock_location_id: store.stock_location_id, name: "Till 1", revoked_at: null })
        expect(Buffer.from(res.data.token, "base64url")).toHaveLength(32)
        expect(res.data.device.token_hash).toBeUndefined()

        const row = await pg()("loyalty_terminal_device").where({ id: res.data.device.id }).first()
        expect(row.token_hash).toBe(sha256(res.data.token))
        const codeRow = await pg()("loyalty_terminal_pairing_code").where({ device_id: res.data.device.id }).first()
        expect(codeRow.code_hash).toBe(sha256(code))
        expect(JSON.stringify(codeRow)).not.toContain(code)

        const again = await refused(api.post("/terminal/pair", { code }))
        expect(again.status).toBe(410)
        expect(again.data).toMatchObject({ reason: "pairing_code_used" })

        // The paired token works on a terminal route.
        const staff = keep(await api.get("/terminal/staff", { headers: { authorization: `Bearer ${res.data.token}` } }))
        expect(staff.status).toBe(200)
      })

      it("refuses an expired code with 410 pairing_code_expired, an unknown store with 404, a terminal route without a token with 401", async () => {
        const { code } = await newCode()
        await pg()("loyalty_terminal_pairing_code").where({ code_hash: sha256(code) }).update({ expires_at: new Date(Date.now() - 1000) })
        const expired = await refused(api.post("/terminal/pair", { code }))
        expect(expired.status).toBe(410)
        expect(expired.data).toMatchObject({ reason: "pairing_code_expired", type: expect.any(String), message: expect.stringContaining("expired") })
        expect(expired.data.expires_at).toEqual(expect.any(String))

        const unknownStore = await refused(api.post("/admin/loyalty/terminal/stores/sloc_nope/pairing-codes", {}, admin))
        expect(unknownStore.status).toBe(404)
        expect(unknownStore.data).toMatchObject({ reason: "stock_location_not_found", stock_location_id: "sloc_nope" })

        const anonymous = await refused(api.get("/terminal/staff"))
        expect(anonymous.status).toBe(401)
        expect(anonymous.data).toMatchObject({ reason: "device_not_paired" })
        const badToken = await refused(api.get("/terminal/staff", { headers: { authorization: "Bearer nope" } }))
        expect(badToken.data).toMatchObject({ reason: "device_not_paired" })
      })
    })

    describe("devices", () => {
      it("lists devices by store, renames one and keeps last_seen_at", async () => {
        const a = await pair(store.stock_location_id, "Front till")
        const b = await pair(storeB, "Store B till")
        const list = keep(await api.get(`/admin/loyalty/terminal/devices?stock_location_id=${storeB}`, admin)).data
        expect(list.devices.map((d: any) => d.id)).toEqual([b.device.id])

        const renamed = keep(await api.post(`/admin/loyalty/terminal/devices/${a.device.id}`, { name: "Back till" }, admin)).data.device
        expect(renamed.name).toBe("Back till")

        await pg()("loyalty_terminal_device").where({ id: a.device.id }).update({ last_seen_at: new Date(Date.now() - 3_600_000) })
        await api.get("/terminal/staff", a.headers)
        const seen = keep(await api.get(`/admin/loyalty/terminal/devices/${a.device.id}`, admin)).data.device
        expect(Date.now() - new Date(seen.last_seen_at).getTime()).toBeLessThan(60_000)
      })

      it("a rotated token replaces the old one at once", async () => {
        const d = await pair()
        const rotated = keep(await api.post(`/admin/loyalty/terminal/devices/${d.device.id}/rotate`, {}, admin)).data
        expect(rotated.token).not.toBe(d.token)
        expect(rotated.device.token_rotated_at).toEqual(expect.any(String))
        const old = await refused(api.get("/terminal/staff", d.headers))
        expect(old.status).toBe(401)
        expect(old.data.reason).toBe("device_not_paired")
        expect((await api.get("/terminal/staff", { headers: { authorization: `Bearer ${rotated.token}` } })).status).toBe(200)
      })

      it("a revoked device is refused on every terminal route at once, its sessions end, and loyalty.terminal_revoked is emitted once", async () => {
        const d = await pair()
        const staff = await newStaff({ name: "Rita" })
        const session = await signIn(d, staff.id)

        const seen = await recordEvents({ "loyalty.terminal_revoked": 1 }, async () => {
          const res = keep(await api.post(`/admin/loyalty/terminal/devices/${d.device.id}/revoke`, {}, admin))
          expect(res.data.device.revoked_at).toEqual(expect.any(String))
        })
        expect(seen["loyalty.terminal_revoked"]).toEqual([{ id: d.device.id, stock_location_id: store.stock_location_id, user_id: adminUserId }])

        const calls = [
          api.get("/terminal/staff", session.headers),
          api.post("/terminal/sessions", { staff_id: staff.id, pin: PIN }, d.headers),
          api.get("/terminal/sessions/current", session.headers),
          api.delete("/terminal/sessions/current", session.headers),
          api.post(`/terminal/staff/${staff.id}/failed-attempts`, { attempts: [{ attempt_id: "revoked-attempt-1" }] }, d.headers),
          api.post("/terminal/staff/me/pin", { current_pin: PIN, pin: OTHER_PIN }, session.headers),
          api.post(`/terminal/staff/${staff.id}/unlock`, {}, session.headers),
        ]
        // Every call's refusal is caught at once: awaited one by one, a later rejection would go unhandled.
        for (const f of await Promise.all(calls.map((call) => refused(call)))) {
          expect(f.status).toBe(403)
          expect(f.data).toMatchObject({ reason: "device_revoked", device_id: d.device.id })
        }
        const ended = await pg()("loyalty_terminal_session").where({ id: session.session.id }).first()
        expect(ended.ended_reason).toBe("device_revoked")
        // Nothing counted on the revoked device.
        expect((await staffRow(staff.id)).failed_count).toBe(0)
        const rotate = await refused(api.post(`/admin/loyalty/terminal/devices/${d.device.id}/rotate`, {}, admin))
        expect(rotate.data.reason).toBe("device_revoked")
      })
    })

    describe("staff and PIN rules", () => {
      it.each([
        ["123456", "run of digits"],
        ["112233", "common"],
        ["121212", "common"],
        ["159753", "common"],
        ["111111", "one digit repeated"],
        ["88888888", "one digit repeated"],
        ["234567", "run of digits"],
        ["987654", "run of digits"],
        ["01234567", "run of digits"],
        ["12345", "6 to 8 digits"],
        ["123456789", "6 to 8 digits"],
        ["12ab56", "only digits"],
      ])("refuses the PIN %s (%s), naming pin", async (pin, rule) => {
        const f = await refused(api.post("/admin/loyalty/terminal/staff", { name: "X", role: "cashier", stock_location_ids: [store.stock_location_id], pin }, admin))
        expect(f.status).toBe(400)
        expect(f.data).toMatchObject({ reason: "invalid_request", field: "pin" })
        expect(f.data.errors[0]).toEqual({ field: "pin", message: expect.stringContaining(rule) })
      })

      it("creates, lists and updates staff without ever returning the PIN or its hash; an admin resets the PIN", async () => {
        const staff = await newStaff({ name: "Bruno", role: "manager", pin: "58207314" })
        expect(staff).toMatchObject({ name: "Bruno", role: "manager", stock_location_ids: [store.stock_location_id], failed_count: 0, locked_until: null })
        expect(staff.pin_hash).toBeUndefined()
        expect(staff.offline_salt).toBeUndefined()
        const row = await staffRow(staff.id)
        expect(row.pin_hash).toMatch(/^scrypt\$16384\$8\$1\$/)
        expect(row.offline_salt).toEqual(expect.any(String))

        const listed = keep(await api.get(`/admin/loyalty/terminal/staff?stock_location_id=${store.stock_location_id}`, admin)).data.staff
        expect(listed.map((s: any) => s.id)).toContain(staff.id)
        const inB = keep(await api.get(`/admin/loyalty/terminal/staff?stock_location_id=${storeB}`, admin)).data.staff
        expect(inB.map((s: any) => s.id)).not.toContain(staff.id)

        const updated = keep(await api.post(`/admin/loyalty/terminal/staff/${staff.id}`, { name: "Bruno M.", stock_location_ids: [store.stock_location_id, storeB] }, admin)).data.staff
        expect(updated).toMatchObject({ name: "Bruno M.", stock_location_ids: [store.stock_location_id, storeB] })
        const badStore = await refused(api.post(`/admin/loyalty/terminal/staff/${staff.id}`, { stock_location_ids: ["sloc_nope"] }, admin))
        expect(badStore.data).toMatchObject({ reason: "stock_location_not_found" })

        const d = await pair()
        await signIn(d, staff.id, "58207314")
        keep(await api.post(`/admin/loyalty/terminal/staff/${staff.id}/pin`, { pin: OTHER_PIN }, admin))
        const old = await wrongPin(d, staff.id, "58207314")
        expect(old.data.reason).toBe("pin_incorrect")
        await signIn(d, staff.id, OTHER_PIN)
        const events = keep(await api.get(`/admin/loyalty/terminal/staff/${staff.id}/pin-events`, admin)).data.events
        expect(events.find((e: any) => e.type === "pin_reset")).toMatchObject({ actor_user_id: adminUserId })

        const missing = await refused(api.get("/admin/loyalty/terminal/staff/ltstaff_nope", admin))
        expect(missing.status).toBe(404)
        expect(missing.data).toMatchObject({ reason: "staff_not_found", staff_id: "ltstaff_nope" })
      })
    })

    describe("sessions", () => {
      it("opens a session with the right PIN; X-Terminal-Session is checked; DELETE ends it; an expired one is refused", async () => {
        const d = await pair()
        const staff = await newStaff({ name: "Clara" })
        const s = await signIn(d, staff.id)
        expect(s.session).toMatchObject({ id: expect.any(String), staff: { id: staff.id, name: "Clara", role: "cashier" } })
        const minutes = (new Date(s.session.expires_at).getTime() - Date.now()) / 60_000
        expect(minutes).toBeGreaterThan(29)
        expect(minutes).toBeLessThanOrEqual(30)
        expect((await pg()("loyalty_terminal_session").where({ id: s.session.id }).first()).token_hash).toBe(sha256(s.token))

        const current = keep(await api.get("/terminal/sessions/current", s.headers)).data
        expect(current.session.staff.id).toBe(staff.id)

        const none = await refused(api.get("/terminal/sessions/current", d.headers))
        expect(none).toMatchObject({ status: 401, data: { reason: "session_required" } })
        const other = await pair()
        const foreign = await refused(api.get("/terminal/sessions/current", { headers: { ...other.headers.headers, "x-terminal-session": s.token } }))
        expect(foreign).toMatchObject({ status: 401, data: { reason: "session_invalid" } })

        keep(await api.delete("/terminal/sessions/current", s.headers))
        const ended = await refused(api.get("/terminal/sessions/current", s.headers))
        expect(ended).toMatchObject({ status: 401, data: { reason: "session_ended", ended_reason: "signed_out" } })

        const s2 = await signIn(d, staff.id)
        await pg()("loyalty_terminal_session").where({ id: s2.session.id }).update({ expires_at: new Date(Date.now() - 1000) })
        const expired = await refused(api.get("/terminal/sessions/current", s2.headers))
        expect(expired).toMatchObject({ status: 401, data: { reason: "session_expired" } })
      })

      it("a PIN for store A does not open a session on a device in store B, and that is not a PIN failure", async () => {
        const inB = await pair(storeB)
        const staff = await newStaff({ name: "Dora" })
        for (let i = 0; i < 6; i++) {
          const f = await refused(api.post("/terminal/sessions", { staff_id: staff.id, pin: i % 2 ? PIN : WRONG }, inB.headers))
          expect(f.status).toBe(403)
          expect(f.data).toMatchObject({ reason: "staff_not_in_store", staff_id: staff.id, stock_location_id: storeB })
        }
        expect((await staffRow(staff.id)).failed_count).toBe(0)
        expect(await pinEvents(staff.id)).toEqual([])
        // Reported failures from another store's tablet are refused too.
        const reported = await refused(api.post(`/terminal/staff/${staff.id}/failed-attempts`, { attempts: [{ attempt_id: "store-b-attempt-1" }] }, inB.headers))
        expect(reported.data.reason).toBe("staff_not_in_store")
        const unknown = await refused(api.post("/terminal/sessions", { staff_id: "ltstaff_nope", pin: PIN }, inB.headers))
        expect(unknown).toMatchObject({ status: 404, data: { reason: "staff_not_found" } })
      })
    })

    describe("lockout", () => {
      it("5 wrong PINs over two devices lock the staff member everywhere; the right PIN is then refused; the lock ends open sessions and is recorded", async () => {
        const d1 = await pair(store.stock_location_id, "Till A")
        const d2 = await pair(store.stock_location_id, "Till B")
        const staff = await newStaff({ name: "Emil" })
        const open = await signIn(d1, staff.id)

        for (const [i, d] of [d1, d2, d1, d2].entries()) {
          const f = await wrongPin(d, staff.id)
          expect(f.status).toBe(401)
          expect(f.data).toMatchObject({ reason: "pin_incorrect", attempts_left: 4 - i })
        }
        const seen = await recordEvents({ "loyalty.staff_pin_locked": 1 }, async () => {
          const fifth = await wrongPin(d2, staff.id)
          expect(fifth.status).toBe(423)
          expect(fifth.data).toMatchObject({ reason: "staff_locked", staff_id: staff.id, locked_now: true })
        })
        const row = await staffRow(staff.id)
        const minutes = (new Date(row.locked_until).getTime() - Date.now()) / 60_000
        expect(minutes).toBeGreaterThan(14)
        expect(minutes).toBeLessThanOrEqual(15)
        expect(row.lock_count).toBe(1)
        expect(seen["loyalty.staff_pin_locked"]).toEqual([
          { id: staff.id, device_id: d2.device.id, locked_until: new Date(row.locked_until).toISOString(), lock_count: 1 },
        ])

        for (const d of [d1, d2]) {
          const right = await refused(api.post("/terminal/sessions", { staff_id: staff.id, pin: PIN }, d.headers))
          expect(right.status).toBe(423)
          expect(right.data).toMatchObject({ reason: "staff_locked", locked_until: new Date(row.locked_until).toISOString() })
        }
        const gone = await refused(api.get("/terminal/sessions/current", open.headers))
        expect(gone.data).toMatchObject({ reason: "session_ended", ended_reason: "staff_locked" })

        const listed = keep(await api.get(`/admin/loyalty/terminal/staff/${staff.id}`, admin)).data.staff
        expect(listed.locked_until).toBe(new Date(row.locked_until).toISOString())
        const history = keep(await api.get(`/admin/loyalty/terminal/staff/${staff.id}/pin-events`, admin)).data
        const types = history.events.map((e: any) => e.type).reverse()
        expect(types).toEqual(["failure", "failure", "failure", "failure", "failure", "lock"])
        expect(history.events.filter((e: any) => e.type === "failure").map((e: any) => e.device_id).reverse()).toEqual([
          d1.device.id, d2.device.id, d1.device.id, d2.device.id, d2.device.id,
        ])
      })

      it("a success resets the count; the next lock lasts double; an admin unlock and a manager's session unlock are recorded", async () => {
        const d1 = await pair()
        const d2 = await pair()
        const staff = await newStaff({ name: "Fritz" })
        const manager = await newStaff({ name: "Greta", role: "manager", pin: "60418273" })

        // 4 failures, a success: the count starts over.
        for (let i = 0; i < 4; i++) await wrongPin(i % 2 ? d1 : d2, staff.id)
        await signIn(d1, staff.id)
        expect((await staffRow(staff.id)).failed_count).toBe(0)
        expect((await wrongPin(d1, staff.id)).data.attempts_left).toBe(4)

        // First lock: 15 minutes; an admin unlocks.
        for (let i = 0; i < 4; i++) await wrongPin(d2, staff.id)
        let row = await staffRow(staff.id)
        expect(row.lock_count).toBe(1)
        const first = new Date(row.locked_until).getTime() - new Date(row.last_locked_at).getTime()
        expect(first).toBe(15 * 60_000)
        const unlocked = keep(await api.post(`/admin/loyalty/terminal/staff/${staff.id}/unlock`, {}, admin)).data.staff
        expect(unlocked).toMatchObject({ locked_until: null, failed_count: 0, lock_count: 1 })
        await signIn(d1, staff.id)

        // Second lock: 30 minutes; a cashier may not unlock, a manager's session does.
        for (let i = 0; i < 5; i++) await wrongPin(d1, staff.id)
        row = await staffRow(staff.id)
        expect(row.lock_count).toBe(2)
        expect(new Date(row.locked_until).getTime() - new Date(row.last_locked_at).getTime()).toBe(30 * 60_000)

        const cashier = await newStaff({ name: "Hugo" })
        const cashierSession = await signIn(d2, cashier.id)
        const notManager = await refused(api.post(`/terminal/staff/${staff.id}/unlock`, {}, cashierSession.headers))
        expect(notManager).toMatchObject({ status: 403, data: { reason: "manager_required" } })
        const managerSession = await signIn(d2, manager.id, "60418273")
        const byManager = keep(await api.post(`/terminal/staff/${staff.id}/unlock`, {}, managerSession.headers)).data.staff
        expect(byManager.locked_until).toBeNull()

        // Third lock, after the last one ran out on its own: 60 minutes.
        await pg()("loyalty_terminal_staff").where({ id: staff.id }).update({ locked_until: new Date(Date.now() - 60_000) })
        for (let i = 0; i < 5; i++) await wrongPin(d1, staff.id)
        row = await staffRow(staff.id)
        expect(row.lock_count).toBe(3)
        expect(new Date(row.locked_until).getTime() - new Date(row.last_locked_at).getTime()).toBe(60 * 60_000)

        // A day without a lock starts the doubling over; the cap is 24 hours.
        await pg()("loyalty_terminal_staff").where({ id: staff.id }).update({ locked_until: new Date(Date.now() - 25 * 3_600_000) })
        for (let i = 0; i < 5; i++) await wrongPin(d1, staff.id)
        row = await staffRow(staff.id)
        expect(row.lock_count).toBe(1)
        expect(new Date(row.locked_until).getTime() - new Date(row.last_locked_at).getTime()).toBe(15 * 60_000)
        await pg()("loyalty_terminal_staff").where({ id: staff.id }).update({ locked_until: new Date(Date.now() - 60_000), lock_count: 20, last_locked_at: new Date() })
        for (let i = 0; i < 5; i++) await wrongPin(d1, staff.id)
        row = await staffRow(staff.id)
        expect(new Date(row.locked_until).getTime() - new Date(row.last_locked_at).getTime()).toBe(24 * 3_600_000)

        const unlocks = (await pinEvents(staff.id)).filter((e: any) => e.type === "unlock")
        expect(unlocks.map((e: any) => [e.actor_user_id, e.actor_staff_id, e.device_id])).toEqual([
          [adminUserId, null, null],
          [null, manager.id, d2.device.id],
        ])
      })

      it("failures outside the window start a new count", async () => {
        const d = await pair()
        const staff = await newStaff({ name: "Ida" })
        for (let i = 0; i < 4; i++) await wrongPin(d, staff.id)
        await pg()("loyalty_terminal_staff").where({ id: staff.id }).update({ window_started_at: new Date(Date.now() - 16 * 60_000) })
        const f = await wrongPin(d, staff.id)
        expect(f.data).toMatchObject({ reason: "pin_incorrect", attempts_left: 4 })
      })

      it("failures a tablet reports count toward the same lockout, once per attempt_id", async () => {
        const d1 = await pair()
        const d2 = await pair()
        const staff = await newStaff({ name: "Jonas" })
        const attempts = [1, 2, 3].map((i) => ({ attempt_id: `offline-${staff.id}-${i}`, at: new Date().toISOString() }))
        const first = keep(await api.post(`/terminal/staff/${staff.id}/failed-attempts`, { attempts }, d1.headers)).data
        expect(first).toMatchObject({ counted: 3, duplicates: 0, attempts_left: 2, locked_until: null })
        const again = keep(await api.post(`/terminal/staff/${staff.id}/failed-attempts`, { attempts }, d1.headers)).data
        expect(again).toMatchObject({ counted: 0, duplicates: 3, attempts_left: 2 })
        expect((await staffRow(staff.id)).failed_count).toBe(3)

        expect((await wrongPin(d2, staff.id)).data.attempts_left).toBe(1)
        const seen = await recordEvents({ "loyalty.staff_pin_locked": 1 }, async () => {
          const last = keep(await api.post(`/terminal/staff/${staff.id}/failed-attempts`, { attempts: [{ attempt_id: `offline-${staff.id}-4` }] }, d2.headers)).data
          expect(last).toMatchObject({ counted: 1, attempts_left: 0, locked_until: expect.any(String) })
        })
        expect(seen["loyalty.staff_pin_locked"]).toEqual([expect.objectContaining({ id: staff.id, device_id: d2.device.id, lock_count: 1 })])
        const right = await refused(api.post("/terminal/sessions", { staff_id: staff.id, pin: PIN }, d1.headers))
        expect(right.data.reason).toBe("staff_locked")
        const events = await pinEvents(staff.id)
        expect(events.filter((e: any) => e.type === "failure")).toHaveLength(5)
        expect(events.filter((e: any) => e.type === "lock")).toHaveLength(1)
      })

      it("20 parallel wrong PINs over two devices lock exactly once and count exactly 5 failures", async () => {
        const d1 = await pair()
        const d2 = await pair()
        const staff = await newStaff({ name: "Karl" })
        let results: { status: number; data: any }[] = []
        const seen = await recordEvents({ "loyalty.staff_pin_locked": 1 }, async () => {
          results = await Promise.all(Array.from({ length: 20 }, (_, i) => wrongPin(i % 2 ? d1 : d2, staff.id)))
        })
        const byReason = results.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.data.reason]: (acc[r.data.reason] ?? 0) + 1 }), {})
        expect(byReason).toEqual({ pin_incorrect: 4, staff_locked: 16 })
        expect(results.filter((r) => r.data.locked_now === true)).toHaveLength(1)
        expect(results.filter((r) => r.data.reason === "pin_incorrect").map((r) => r.data.attempts_left).sort()).toEqual([1, 2, 3, 4])
        const events = await pinEvents(staff.id)
        expect(events.filter((e: any) => e.type === "failure")).toHaveLength(5)
        expect(events.filter((e: any) => e.type === "lock")).toHaveLength(1)
        const row = await staffRow(staff.id)
        expect(row.lock_count).toBe(1)
        expect(seen["loyalty.staff_pin_locked"]).toHaveLength(1)
      })
    })

    describe("PIN changes at the terminal", () => {
      it("a staff member changes their own PIN (the current PIN is checked and counted); a manager resets a cashier's", async () => {
        const d = await pair()
        const staff = await newStaff({ name: "Lena" })
        const manager = await newStaff({ name: "Max", role: "manager", pin: "70395182" })
        const s = await signIn(d, staff.id)

        const wrong = await refused(api.post("/terminal/staff/me/pin", { current_pin: WRONG, pin: OTHER_PIN }, s.headers))
        expect(wrong).toMatchObject({ status: 401, data: { reason: "pin_incorrect", attempts_left: 4 } })
        const weak = await refused(api.post("/terminal/staff/me/pin", { current_pin: PIN, pin: "654321" }, s.headers))
        expect(weak).toMatchObject({ status: 400, data: { reason: "invalid_request", field: "pin" } })
        const changed = keep(await api.post("/terminal/staff/me/pin", { current_pin: PIN, pin: OTHER_PIN }, s.headers)).data.staff
        expect(changed.id).toBe(staff.id)
        // The session that changed it goes on; the new PIN signs in, the old one does not.
        expect((await api.get("/terminal/sessions/current", s.headers)).status).toBe(200)
        expect((await wrongPin(d, staff.id, PIN)).data.reason).toBe("pin_incorrect")
        await signIn(d, staff.id, OTHER_PIN)

        const cashierSession = await signIn(d, staff.id, OTHER_PIN)
        const notManager = await refused(api.post(`/terminal/staff/${manager.id}/pin`, { pin: "39517264" }, cashierSession.headers))
        expect(notManager.data.reason).toBe("manager_required")
        const m = await signIn(d, manager.id, "70395182")
        const ownByReset = await refused(api.post(`/terminal/staff/${manager.id}/pin`, { pin: "39517264" }, m.headers))
        expect(ownByReset).toMatchObject({ status: 400, data: { reason: "not_allowed" } })
        keep(await api.post(`/terminal/staff/${staff.id}/pin`, { pin: "28461937" }, m.headers))
        await signIn(d, staff.id, "28461937")
        const reset = (await pinEvents(staff.id)).find((e: any) => e.type === "pin_reset")
        expect(reset).toMatchObject({ actor_staff_id: manager.id, device_id: d.device.id })
        // The cashier's sessions opened before the reset ended.
        const ended = await refused(api.get("/terminal/sessions/current", cashierSession.headers))
        expect(ended.data).toMatchObject({ reason: "session_ended", ended_reason: "pin_changed" })
      })

      it("no response of the suite carried a PIN or a hash", () => {
        expect(bodies.length).toBeGreaterThan(50)
        for (const body of bodies) {
          expect(body).not.toMatch(/pin_hash|token_hash|code_hash|offline_salt|scrypt\$/)
          for (const pin of [PIN, OTHER_PIN, "58207314", "60418273", "70395182", "28461937"]) expect(body).not.toContain(`"${pin}"`)
        }
      })
    })

    describe("pairing rate limit (last: it blocks this address for the rest of the window)", () => {
      it("wrong codes from one address answer 429 pairing_rate_limited with retry_after_ms after 10 failures, even for a right code", async () => {
        for (let i = 0; i < 10; i++) {
          const f = await refused(api.post("/terminal/pair", { code: `WRONG${String(i).padStart(3, "2")}` }))
          expect(f).toMatchObject({ status: 400, data: { reason: "pairing_code_invalid" } })
        }
        const { code } = await newCode()
        const limited = await failure(api.post("/terminal/pair", { code }))
        expect(limited.status).toBe(429)
        expect(limited.data).toMatchObject({ reason: "pairing_rate_limited", retry_after_ms: expect.any(Number) })
        expect(limited.data.retry_after_ms).toBeGreaterThan(14 * 60_000)
        expect(limited.data.retry_after_ms).toBeLessThanOrEqual(15 * 60_000)
      })
    })
  },
})
