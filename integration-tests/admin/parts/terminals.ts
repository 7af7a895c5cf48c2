/**
 * Loyalty > Terminals (src/admin/routes/loyalty/terminals) in the real Medusa admin, in headless
 * Chromium: on a store (stock location) of its own, a staff member created through the screen
 * (a PIN breaking a rule refused under its field first), a pairing code created through the screen
 * (shown large with a live countdown) and used by a tablet through POST /terminal/pair, the device
 * renamed and revoked through the screen, a PIN reset and the PIN history; each read back through
 * the admin API or the terminal API. Then the page in French and German.
 *
 * A part of admin.spec.ts, on the host app every part shares. It only touches its own store; it
 * leaves a paired device there (the Go live board counts a store with staff but no terminal as not
 * ready). Its browser switches to French, then German.
 */
import path from "node:path"
import type { Locator } from "playwright-core"
import { switchLanguage } from "../support/admin-language"
import { adminSuite, type AdminSession, type SharedHost } from "../support/admin-session"

const PIN = "482915"
const NEW_PIN = "731864"
const RUN = Date.now().toString(36)
const STORE = `Terminals store ${RUN}`
const STAFF = `Anna ${RUN}`

/** Registers the part's tests in the enclosing `describe`. */
export function terminalsTests(shared: SharedHost) {
  const suite = adminSuite(shared)
  let s: AdminSession
  let shots: string
  let storeId: string
  let staffId: string
  let device: { id: string; token: string }
  beforeAll(() => {
    s = suite.s
    shots = suite.shots
  })

  const storeBlock = (): Locator => s.page.getByTestId(`rewardflow-store-${storeId}`)
  const staffRow = (): Locator => s.page.getByTestId(`rewardflow-staff-${staffId}`)
  const answered = (method: string, pathname: string) =>
    s.page.waitForResponse((r) => r.request().method() === method && new URL(r.url()).pathname === pathname)
  /** A /terminal/* call as a tablet makes it (its own headers, no admin cookie needed). */
  async function tablet(method: "GET" | "POST", p: string, data?: unknown, token?: string) {
    const res = await s.context.request.fetch(s.url(p), { method, data, headers: token ? { authorization: `Bearer ${token}` } : {}, failOnStatusCode: false })
    return { status: res.status(), body: await res.json().catch(() => null) }
  }
  async function openPage() {
    await s.page.goto(s.url("/app/loyalty/terminals"))
    await s.page.getByTestId("rewardflow-terminals-page").waitFor()
    await storeBlock().waitFor()
  }

  it("shows the stores with their devices, and adds a staff member through the screen", async () => {
    await s.login()
    const created = await s.api("POST", "/admin/stock-locations", { name: STORE })
    expect(created.status).toBe(200)
    storeId = created.body.stock_location.id
    await openPage()
    await s.page.getByRole("heading", { name: "Terminals", level: 1, exact: true }).waitFor()
    await s.page.locator("nav").getByRole("link", { name: "Terminals", exact: true }).waitFor()
    await storeBlock().getByRole("heading", { name: STORE, level: 3 }).waitFor()
    await storeBlock().getByText("No tablet is paired with this store.", { exact: true }).waitFor()

    await s.page.getByRole("button", { name: "Add staff member", exact: true }).click()
    const drawer = s.page.getByTestId("rewardflow-staff-form")
    await drawer.getByLabel("Name", { exact: true }).fill(STAFF)
    await drawer.locator(`#rewardflow-staff-store-${storeId}`).click()
    // A PIN that breaks a rule: the API's message under the PIN field, nothing created.
    await drawer.getByLabel("PIN", { exact: true }).fill("123456")
    s.expectFailure("POST /admin/loyalty/terminal/staff 400")
    const refused = answered("POST", "/admin/loyalty/terminal/staff")
    await drawer.getByRole("button", { name: "Add staff member", exact: true }).click()
    expect((await refused).status()).toBe(400)
    await expect(drawer.getByTestId("rewardflow-staff-pin-error").textContent()).resolves.toBe("pin must not be an ascending or descending run of digits")

    await drawer.getByLabel("PIN", { exact: true }).fill(PIN)
    const saved = answered("POST", "/admin/loyalty/terminal/staff")
    await drawer.getByRole("button", { name: "Add staff member", exact: true }).click()
    const res = await saved
    expect(res.status()).toBe(201)
    staffId = (await res.json()).staff.id
    await drawer.waitFor({ state: "hidden" })

    const { body } = await s.api("GET", `/admin/loyalty/terminal/staff/${staffId}`)
    expect(body.staff).toMatchObject({ name: STAFF, role: "cashier", stock_location_ids: [storeId], locked_until: null })
    expect(JSON.stringify(body)).not.toContain(PIN)
    await staffRow().getByText(STAFF, { exact: true }).waitFor()
    await staffRow().getByText("Cashier", { exact: true }).waitFor()
    await staffRow().getByText(STORE, { exact: true }).waitFor()
  })

  it("creates a pairing code shown once with a countdown, and a tablet pairs with it", async () => {
    const made = answered("POST", `/admin/loyalty/terminal/stores/${storeId}/pairing-codes`)
    await storeBlock().getByRole("button", { name: "Create pairing code", exact: true }).click()
    const res = await made
    expect(res.status()).toBe(201)
    const { pairing_code } = await res.json()
    const panel = storeBlock().getByTestId("rewardflow-pairing-code")
    // Grouped by four for reading out; the tablet ignores the dash.
    await expect(panel.getByTestId("rewardflow-pairing-code-value").textContent()).resolves.toBe(`${pairing_code.code.slice(0, 4)}-${pairing_code.code.slice(4)}`)
    const countdown = panel.getByTestId("rewardflow-pairing-code-countdown")
    const first = await countdown.textContent()
    expect(first).toMatch(/^Expires in (10:00|9:[0-5]\d)$/)
    await s.until("the countdown to move", async () => (await countdown.textContent()) !== first)
    await s.page.screenshot({ path: path.join(shots, "terminals-pairing-code.png"), animations: "disabled" })

    const paired = await tablet("POST", "/terminal/pair", { code: pairing_code.code, name: "Till 1" })
    expect(paired.status).toBe(201)
    device = { id: paired.body.device.id, token: paired.body.token }
    expect(paired.body.device.stock_location_id).toBe(storeId)

    await panel.getByRole("button", { name: "Done", exact: true }).click()
    await panel.waitFor({ state: "detached" })
    await openPage()
    // Shown once: after a reload the code is nowhere on the page.
    await s.page.getByTestId(`rewardflow-device-${device.id}`).waitFor()
    await expect(s.page.getByTestId("rewardflow-pairing-code").count()).resolves.toBe(0)
    const row = storeBlock().getByTestId(`rewardflow-device-${device.id}`)
    await row.getByText("Till 1", { exact: true }).waitFor()
    await row.getByText("Active", { exact: true }).waitFor()
    await storeBlock().getByText("1 active device", { exact: true }).waitFor()
  })

  it("renames the device through the screen", async () => {
    await storeBlock().getByRole("button", { name: "Actions for Till 1", exact: true }).click()
    await s.page.getByRole("menuitem", { name: "Rename", exact: true }).click()
    const drawer = s.page.getByTestId("rewardflow-device-rename")
    await drawer.getByLabel("Name", { exact: true }).fill("Front till")
    const saved = answered("POST", `/admin/loyalty/terminal/devices/${device.id}`)
    await drawer.getByRole("button", { name: "Save", exact: true }).click()
    expect((await saved).status()).toBe(200)
    await drawer.waitFor({ state: "hidden" })
    expect((await s.api("GET", `/admin/loyalty/terminal/devices/${device.id}`)).body.device.name).toBe("Front till")
    await storeBlock().getByTestId(`rewardflow-device-${device.id}`).getByText("Front till", { exact: true }).waitFor()
  })

  it("resets a PIN through the screen: the new PIN signs in, and the history shows the wrong PIN and the reset", async () => {
    const before = (await s.api("GET", `/admin/loyalty/terminal/staff/${staffId}`)).body.staff
    const wrong = await tablet("POST", "/terminal/sessions", { staff_id: staffId, pin: "000001" }, device.token)
    expect(wrong).toMatchObject({ status: 401, body: { reason: "pin_incorrect" } })

    await openPage()
    await staffRow().getByText("1 failed attempt", { exact: true }).waitFor()
    await staffRow().getByRole("button", { name: `Actions for ${STAFF}`, exact: true }).click()
    await s.page.getByRole("menuitem", { name: "Reset PIN", exact: true }).click()
    const drawer = s.page.getByTestId("rewardflow-pin-reset")
    await drawer.getByLabel("New PIN", { exact: true }).fill(NEW_PIN)
    const saved = answered("POST", `/admin/loyalty/terminal/staff/${staffId}/pin`)
    await drawer.getByRole("button", { name: "Reset PIN", exact: true }).click()
    expect((await saved).status()).toBe(200)
    await drawer.waitFor({ state: "hidden" })

    const after = (await s.api("GET", `/admin/loyalty/terminal/staff/${staffId}`)).body.staff
    expect(new Date(after.pin_changed_at).getTime()).toBeGreaterThan(new Date(before.pin_changed_at ?? 0).getTime())
    expect((await tablet("POST", "/terminal/sessions", { staff_id: staffId, pin: PIN }, device.token)).status).toBe(401)
    expect((await tablet("POST", "/terminal/sessions", { staff_id: staffId, pin: NEW_PIN }, device.token)).status).toBe(201)
    const events = (await s.api("GET", `/admin/loyalty/terminal/staff/${staffId}/pin-events`)).body.events as { id: string; type: string; actor_user_id: string | null }[]
    const reset = events.find((e) => e.type === "pin_reset")!
    expect(reset.actor_user_id).toMatch(/^user_/)
    const failures = events.filter((e) => e.type === "failure")

    await staffRow().getByRole("button", { name: `Actions for ${STAFF}`, exact: true }).click()
    await s.page.getByRole("menuitem", { name: "PIN history", exact: true }).click()
    const history = s.page.getByTestId("rewardflow-pin-history")
    const resetRow = history.getByTestId(`rewardflow-pin-event-${reset.id}`)
    await resetRow.getByText("PIN reset", { exact: true }).waitFor()
    await resetRow.getByText("An admin", { exact: true }).waitFor()
    expect(failures.length).toBeGreaterThanOrEqual(2)
    for (const f of failures) {
      const r = history.getByTestId(`rewardflow-pin-event-${f.id}`)
      await r.getByText("Wrong PIN", { exact: true }).waitFor()
      await r.getByText("Front till", { exact: true }).waitFor()
    }
    await s.page.screenshot({ path: path.join(shots, "terminals-pin-history.png"), animations: "disabled" })
    await history.getByRole("button", { name: "Close", exact: true }).click()
    await history.waitFor({ state: "hidden" })
  })

  it("revokes the device after the confirmation: the tablet is refused at once", async () => {
    await storeBlock().getByRole("button", { name: "Actions for Front till", exact: true }).click()
    await s.page.getByRole("menuitem", { name: "Revoke", exact: true }).click()
    const dialog = s.page.getByRole("alertdialog")
    await dialog.getByText("Revoke the device?", { exact: true }).waitFor()
    const revoked = answered("POST", `/admin/loyalty/terminal/devices/${device.id}/revoke`)
    await dialog.getByRole("button", { name: "Revoke", exact: true }).click()
    expect((await revoked).status()).toBe(200)
    await storeBlock().getByTestId(`rewardflow-device-${device.id}`).getByText(/^Revoked /).waitFor()

    expect((await s.api("GET", `/admin/loyalty/terminal/devices/${device.id}`)).body.device.revoked_at).not.toBeNull()
    expect(await tablet("GET", "/terminal/staff", undefined, device.token)).toMatchObject({ status: 403, body: { reason: "device_revoked" } })
    await s.page.setViewportSize({ width: 1440, height: 2400 })
    await s.page.screenshot({ path: path.join(shots, "terminals.png"), animations: "disabled" })
    await s.page.setViewportSize({ width: 1440, height: 1000 })

    // The store keeps a paired tablet, so that the Go live board is not held back by this part.
    const code = (await s.api("POST", `/admin/loyalty/terminal/stores/${storeId}/pairing-codes`, {})).body.pairing_code.code
    expect((await tablet("POST", "/terminal/pair", { code, name: "Back till" })).status).toBe(201)
  })

  it("shows the page in French and in German", async () => {
    await switchLanguage(s, "Français")
    await openPage()
    await s.page.getByRole("heading", { name: "Terminaux", level: 1, exact: true }).waitFor()
    await s.page.locator("nav").getByRole("link", { name: "Terminaux", exact: true }).waitFor()
    for (const h of ["Magasins et appareils", "Personnel", "Actions hors ligne à examiner", "Totaux journaliers"]) {
      await s.page.getByRole("heading", { name: h, level: 2, exact: true }).waitFor()
    }
    await storeBlock().getByRole("button", { name: "Créer un code d'association", exact: true }).waitFor()
    await storeBlock().getByTestId(`rewardflow-device-${device.id}`).getByText(/^Révoqué le /).waitFor()
    await staffRow().getByText("Caissier", { exact: true }).waitFor()
    await s.page.getByRole("button", { name: "Ajouter un membre du personnel", exact: true }).waitFor()

    await switchLanguage(s, "Deutsch")
    await openPage()
    await s.page.getByRole("heading", { name: "Terminals", level: 1, exact: true }).waitFor()
    for (const h of ["Geschäfte und Geräte", "Personal", "Offline-Aktionen zur Prüfung", "Tagessummen"]) {
      await s.page.getByRole("heading", { name: h, level: 2, exact: true }).waitFor()
    }
    await storeBlock().getByRole("button", { name: "Kopplungscode erstellen", exact: true }).waitFor()
    await storeBlock().getByText("1 aktives Gerät", { exact: true }).waitFor()
    await storeBlock().getByTestId(`rewardflow-device-${device.id}`).getByText(/^Widerrufen am /).waitFor()
    await staffRow().getByText("Kassierer", { exact: true }).waitFor()
    await s.page.getByRole("button", { name: "Mitarbeitende hinzufügen", exact: true }).waitFor()
    await s.page.getByText("Nichts an den Kassen", { exact: true }).or(s.page.getByTestId("rewardflow-terminal-totals-table")).first().waitFor()
    await s.page.screenshot({ path: path.join(shots, "terminals-de.png"), animations: "disabled" })
  })
}
