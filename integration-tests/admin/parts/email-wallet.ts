/**
 * Settings > Loyalty emails (src/admin/routes/settings/loyalty-emails) and Settings > Google
 * Wallet (src/admin/routes/settings/loyalty-wallet) in the real Medusa admin, in headless
 * Chromium, on the host app every part of admin.spec.ts shares (support/host-app.ts).
 *
 * Emails: the templates grouped by key, editing the French subject with the live preview, the
 * API's 400 for an unknown variable next to the field, saving; the delivery settings pointed at
 * a real SMTP server on loopback (smtp-server, with login) through the form, the source badges,
 * the secret never in the page, the test mail and the diagnosis (ok, then failed on a closed
 * port), reset to env/option. Wallet: sources, demo/production, Validate with every check; the
 * settings form: a non-numeric issuer id refused beside the field, an issuer id, origin and a
 * service account key (an RSA key made here) saved through it, the private key in no page and
 * no API answer, Validate with the key (service_account ok, token failed: Google is not
 * reachable from here), reset of the issuer id.
 *
 * admin.spec.ts runs this part last: it points the store's mail at an SMTP server that it stops
 * at the end, makes the admin staff for one test (and admin again), and saves Google Wallet
 * settings, none of which the other parts should meet. The environment it needs (an encryption
 * key, the closed token URL) is given to the shared host app by `emailWalletHostEnv`.
 */
import crypto from "node:crypto"
import path from "node:path"
import type { Response } from "playwright-core"
import { adminSuite, until, type SharedHost } from "../support/admin-session"
import { freePort, startMailServer, type MailServer } from "../../fixtures/mail-server"

const KEYS = ["loyalty_enrollment", "loyalty_welcome_bonus", "loyalty_points_earned", "loyalty_reward_ready", "loyalty_points_expiring", "loyalty_tier_changed", "loyalty_birthday_bonus", "loyalty_referral_bonus"]
const LOCALES = ["en", "fr", "de", "lb"]
const SOURCE_LABEL = (source: string | null) => source ?? "-"

/**
 * What this part needs in the shared host app's environment, made before the host app starts:
 * the demo host sets no encryption key of its own here, and without one the admin refuses to save
 * a secret; Google cannot be reached from a test, so the token endpoint is a loopback port nothing
 * listens on, and the outcome is the same on a machine with internet access.
 */
export async function emailWalletHostEnv(): Promise<NodeJS.ProcessEnv> {
  return {
    REWARDFLOW_ENCRYPTION_KEY: crypto.randomBytes(32).toString("hex"),
    REWARDFLOW_GOOGLE_WALLET_TOKEN_URL: `http://127.0.0.1:${await freePort()}/token`,
  }
}

/** Registers the part's tests in the enclosing `describe`; the host app has `emailWalletHostEnv()`. */
export function emailWalletTests(shared: SharedHost) {
  const suite = adminSuite(shared)
  let tokenUrl = ""
  beforeAll(() => {
    tokenUrl = shared.env.REWARDFLOW_GOOGLE_WALLET_TOKEN_URL ?? ""
    if (!tokenUrl) throw new Error("the host app was started without emailWalletHostEnv()")
  })
  let mail: MailServer | undefined
  let adminUserId: string
  const smtpUser = "loyalty"
  const smtpPassword = `pw-${crypto.randomBytes(9).toString("hex")}`

  const page = () => suite.s.page
  const byTestId = (id: string) => suite.s.page.getByTestId(id)
  const text = async (id: string) => ((await byTestId(id).textContent()) ?? "").trim()

  /** Clicks `button` and returns the JSON the admin answered to `method path`. */
  async function answerTo(method: string, pathname: string, click: () => Promise<void>) {
    const response = page().waitForResponse((r) => r.request().method() === method && new URL(r.url()).pathname === pathname)
    await click()
    const res = await response
    return { status: res.status(), body: await res.json() }
  }

  async function openSettingsTab() {
    await page().goto(suite.s.url("/app/settings/loyalty-emails?tab=settings"))
    await byTestId("rewardflow-email-settings").waitFor()
    await byTestId("rewardflow-email-setting-row-host").waitFor()
  }

  const settingsBox = () => byTestId("rewardflow-email-settings")
  const saveSettings = () => settingsBox().getByRole("button", { name: "Save", exact: true }).click()

  async function chooseProvider(name: string) {
    await page().locator("#rewardflow-email-setting-provider").click()
    await page().getByRole("option", { name, exact: true }).click()
  }

  const walletBox = () => byTestId("rewardflow-wallet-settings")
  const saveWallet = () => walletBox().getByRole("button", { name: "Save", exact: true }).click()

  afterAll(async () => {
    await mail?.stop()
  })

  it("logs in to the admin as the seeded admin", async () => {
    await suite.s.login()
    const me = await suite.s.api("GET", "/admin/users/me")
    expect(me.status).toBe(200)
    expect(me.body.user.email).toBe(suite.host.adminEmail)
    adminUserId = me.body.user.id
  })

  it("lists the templates grouped by key, each with its four locales, as the API has them", async () => {
    const { body } = await suite.s.api("GET", "/admin/loyalty/email/templates")
    expect(body.templates).toHaveLength(KEYS.length * LOCALES.length)

    await page().goto(suite.s.url("/app/settings/loyalty-emails"))
    for (const key of KEYS) {
      const group = byTestId(`rewardflow-email-template-group-${key}`)
      await group.waitFor()
      const rows = group.locator("tbody tr")
      expect(await rows.count()).toBe(4)
      for (const [i, locale] of LOCALES.entries()) {
        const template = body.templates.find((t: any) => t.key === key && t.locale === locale)
        const cells = (await rows.nth(i).locator("td").allTextContents()).map((c) => c.trim())
        expect(cells[0]).toMatch(new RegExp(`^${locale}\\b`, "i"))
        expect(cells[1]).toBe(template.subject)
        expect(cells[2]).toBe(template.is_active ? "Active" : "Off")
        expect(cells[3]).toBe("Not edited")
      }
    }
    await page().screenshot({ path: path.join(suite.shots, "email-templates.png") })
  })

  it("edits the French subject with a live preview, shows the API's 400 next to the field, and saves", async () => {
    const { body } = await suite.s.api("GET", "/admin/loyalty/email/templates?key=loyalty_points_earned&locale=fr")
    const template = body.templates[0]
    const draft = (subject: string) => ({ subject, html_body: template.html_body, text_body: template.text_body })
    const preview = (subject: string) =>
      suite.s.api("POST", "/admin/loyalty/email/preview", { key: "loyalty_points_earned", locale: "fr", draft: draft(subject) })

    await byTestId("rewardflow-email-template-loyalty_points_earned-fr").click()
    await page().waitForURL((u) => u.pathname.endsWith(`/settings/loyalty-emails/templates/${template.id}`))
    const subject = page().locator("#rewardflow-email-subject")
    await expect(subject.inputValue()).resolves.toBe(template.subject)
    const stored = await preview(template.subject)
    await until("the preview of the stored subject", async () => (await text("rewardflow-email-preview-subject")) === stored.body.preview.subject)
    // The allowed variables are listed.
    for (const v of ["customer.first_name", "points", "order.display_id"]) {
      await byTestId("rewardflow-email-variables").getByText(`{{${v}}}`, { exact: true }).waitFor()
    }

    // The preview follows the typing, rendered in French with the sample data.
    const edited = "Merci {{customer.first_name}} : {{points}} points pour la commande {{order.display_id}}"
    await subject.fill(edited)
    const rendered = await preview(edited)
    expect(rendered.body.preview).toMatchObject({ locale: "fr", subject: "Merci Léa : 150 points pour la commande 1042" })
    await until("the preview of the edited subject", async () => (await text("rewardflow-email-preview-subject")) === rendered.body.preview.subject)

    // An unknown variable: the preview's 400 is shown under the subject, with the API's words.
    const unknown = "Merci {{customer.first_name}}, voici {{wallet}}"
    const refused = await preview(unknown)
    expect(refused.status).toBe(400)
    expect(refused.body.message).toContain("subject: unknown variable {{wallet}} for loyalty_points_earned")
    suite.s.expectFailure("POST /admin/loyalty/email/preview 400")
    suite.s.expectFailure(`POST /admin/loyalty/email/templates/${template.id} 400`)
    await subject.fill(unknown)
    await until("the error under the subject", async () => (await text("rewardflow-email-error-subject")) === refused.body.message)

    // Saving it anyway is refused by the API, which says the same, and nothing changes.
    const editor = byTestId("rewardflow-email-editor")
    const save = await answerTo("POST", `/admin/loyalty/email/templates/${template.id}`, () =>
      editor.getByRole("button", { name: "Save", exact: true }).click()
    )
    expect(save.status).toBe(400)
    await until("the save error under the subject", async () => (await text("rewardflow-email-error-subject")) === save.body.message)
    expect(save.body.message).toBe(refused.body.message)
    await page().screenshot({ path: path.join(suite.shots, "email-template-unknown-variable.png") })
    expect((await suite.s.api("GET", `/admin/loyalty/email/templates/${template.id}`)).body.template.subject).toBe(template.subject)

    // Fixed and saved: the API has the new subject and the acting admin.
    await subject.fill(edited)
    await until("the error to go", async () => (await byTestId("rewardflow-email-error-subject").count()) === 0)
    const saved = await answerTo("POST", `/admin/loyalty/email/templates/${template.id}`, () =>
      editor.getByRole("button", { name: "Save", exact: true }).click()
    )
    expect(saved.status).toBe(200)
    const after = (await suite.s.api("GET", `/admin/loyalty/email/templates/${template.id}`)).body.template
    expect(after).toMatchObject({ subject: edited, html_body: template.html_body, text_body: template.text_body, updated_by: adminUserId })
    await until("Save to be disabled (nothing left to save)", () => editor.getByRole("button", { name: "Save", exact: true }).isDisabled())
    await page().screenshot({ path: path.join(suite.shots, "email-template-saved.png") })

    // The list shows the new subject and who edited it.
    await page().locator("a", { hasText: "All templates" }).click()
    const row = byTestId("rewardflow-email-template-loyalty_points_earned-fr")
    await row.waitFor()
    await until("the list to show the edit", async () => {
      const cells = (await row.locator("td").allTextContents()).map((c) => c.trim())
      return cells[1] === edited && cells[3].includes(suite.host.adminEmail)
    })
  })

  it("shows the API's 403 in the editor when the user lacks loyalty.manage_templates, and nothing changes", async () => {
    const { body } = await suite.s.api("GET", "/admin/loyalty/email/templates?key=loyalty_welcome_bonus&locale=de")
    const template = body.templates[0]
    // The seeded admin becomes staff (metadata.role), which may not edit templates without RBAC
    // unless the plugin option email.templateEditors names them (the demo's does not).
    expect((await suite.s.api("POST", `/admin/users/${adminUserId}`, { metadata: { role: "staff" } })).status).toBe(200)
    try {
      await page().goto(suite.s.url(`/app/settings/loyalty-emails/templates/${template.id}`))
      const subject = page().locator("#rewardflow-email-subject")
      await expect(subject.inputValue()).resolves.toBe(template.subject)
      await subject.fill("Hallo {{customer.first_name}}")
      suite.s.expectFailure(`POST /admin/loyalty/email/templates/${template.id} 403`)
      const refused = await answerTo("POST", `/admin/loyalty/email/templates/${template.id}`, () =>
        byTestId("rewardflow-email-editor").getByRole("button", { name: "Save", exact: true }).click()
      )
      expect(refused.status).toBe(403)
      expect(refused.body.message).toContain("lacks the loyalty.manage_templates permission")
      await until("the 403 above the form", async () =>
        (await text("rewardflow-email-save-error")) === `You may view this template but not change it. ${refused.body.message}`
      )
      await page().screenshot({ path: path.join(suite.shots, "email-template-forbidden.png") })
      expect((await suite.s.api("GET", `/admin/loyalty/email/templates/${template.id}`)).body.template).toMatchObject({
        subject: template.subject,
        updated_by: null,
      })
    } finally {
      await suite.s.api("POST", `/admin/users/${adminUserId}`, { metadata: { role: "admin" } })
    }
  })

  it("points delivery at a loopback SMTP server through the form: sources become database, the secret never reaches the page", async () => {
    mail = await startMailServer({ auth: { user: smtpUser, pass: smtpPassword } })
    const before = (await suite.s.api("GET", "/admin/loyalty/email/settings")).body
    expect(before.settings.provider).toMatchObject({ value: "log", source: "default" })
    expect(before.settings.host).toMatchObject({ value: null, source: null })
    expect(before.settings.password).toMatchObject({ is_set: false })

    await openSettingsTab()
    for (const name of Object.keys(before.settings)) {
      expect(await text(`rewardflow-email-source-${name}`)).toBe(SOURCE_LABEL(before.settings[name].source))
    }
    await expect(page().locator("#rewardflow-email-setting-port").inputValue()).resolves.toBe("587")
    expect(await text("rewardflow-email-secret-password")).toBe("not set")

    // A bad value first: the API's 400 names the field and is shown beside it.
    suite.s.expectFailure("POST /admin/loyalty/email/settings 400")
    await page().locator("#rewardflow-email-setting-from_address").fill("not-an-address")
    const bad = await answerTo("POST", "/admin/loyalty/email/settings", saveSettings)
    expect(bad.status).toBe(400)
    expect(bad.body.message).toContain("from_address must be an email address")
    await until("the error beside from_address", async () => (await text("rewardflow-email-setting-error-from_address")) === bad.body.message)
    expect((await suite.s.api("GET", "/admin/loyalty/email/settings")).body.settings.from_address.source).toBeNull()

    await chooseProvider("smtp")
    await page().locator("#rewardflow-email-setting-host").fill("127.0.0.1")
    await page().locator("#rewardflow-email-setting-port").fill(String(mail.port))
    await page().locator("#rewardflow-email-setting-from_address").fill("loyalty@rewardflow.test")
    await page().locator("#rewardflow-email-setting-user").fill(smtpUser)
    await page().locator("#rewardflow-email-setting-password").fill(smtpPassword)
    const saved = await answerTo("POST", "/admin/loyalty/email/settings", saveSettings)
    expect(saved.status).toBe(200)

    for (const name of ["provider", "host", "port", "from_address", "user", "password"]) {
      await until(`${name} to come from the database`, async () => (await text(`rewardflow-email-source-${name}`)) === "database")
    }
    // Not set: implicit TLS on port 465 only.
    expect(await text("rewardflow-email-source-secure")).toBe("-")
    expect(await text("rewardflow-email-secret-password")).toBe("set")
    const view = (await suite.s.api("GET", "/admin/loyalty/email/settings")).body
    expect(view.settings.host).toEqual({ value: "127.0.0.1", source: "database", is_set: true })
    expect(view.settings.port).toEqual({ value: mail.port, source: "database", is_set: true })
    expect(view.settings.password).toEqual({ value: null, source: "database", secret: true, is_set: true })
    expect(await text("rewardflow-email-delivery")).toContain(`smtp · 127.0.0.1:${mail.port}`)

    // Neither the page nor anything the admin answered holds the password.
    await expect(page().locator("#rewardflow-email-setting-password").inputValue()).resolves.toBe("")
    expect(await page().content()).not.toContain(smtpPassword)
    expect(JSON.stringify(saved.body)).not.toContain(smtpPassword)
    expect(JSON.stringify(view)).not.toContain(smtpPassword)
    await settingsBox().screenshot({ path: path.join(suite.shots, "email-settings-saved.png") })
  })

  it("sends a test mail and shows the provider, host, port, security and from address it used", async () => {
    await page().locator("#rewardflow-email-settings-test-to").fill("owner@rewardflow.test")
    const sent = await answerTo("POST", "/admin/loyalty/email/test-mail", () =>
      byTestId("rewardflow-email-checks").getByRole("button", { name: "Send test mail" }).click()
    )
    expect(sent.status).toBe(200)
    const { email } = sent.body
    expect(email).toMatchObject({ status: "sent", delivery: { provider: "smtp", host: "127.0.0.1", port: mail!.port, from: "loyalty@rewardflow.test", user: smtpUser } })

    const result = byTestId("rewardflow-email-test-mail-result")
    await result.waitFor()
    await result.getByText("Test mail sent").waitFor()
    const shown = async (label: string) => ((await byTestId(`rewardflow-email-test-mail-${label}`).locator("dd").textContent()) ?? "").trim()
    expect(await shown("provider")).toBe("smtp")
    expect(await shown("host")).toBe("127.0.0.1")
    expect(await shown("port")).toBe(String(mail!.port))
    expect(await shown("security")).toBe(email.delivery.security)
    expect(await shown("from")).toBe("loyalty@rewardflow.test")
    expect(await shown("user")).toBe(smtpUser)

    // It really arrived, logged in with the saved (sealed) password.
    await until("the mail at the server", async () => mail!.mails.length === 1)
    expect(mail!.mails[0].envelope).toEqual({ from: "loyalty@rewardflow.test", to: ["owner@rewardflow.test"] })
    expect(mail!.mails[0].user).toBe(smtpUser)
    expect(mail!.mails[0].text).toContain(`${mail!.port}`)
    expect(await page().content()).not.toContain(smtpPassword)
  })

  /** Runs Diagnose and checks that every step the API returned is shown as it said. */
  async function diagnose() {
    const answer = await answerTo("POST", "/admin/loyalty/email/diagnose", () =>
      byTestId("rewardflow-email-diagnosis").getByRole("button", { name: "Diagnose" }).click()
    )
    expect(answer.status).toBe(200)
    const { diagnosis } = answer.body
    const labels: Record<string, string> = { ok: "OK", failed: "Failed", skipped: "Skipped" }
    const names: Record<string, string> = { dns: "DNS lookup", tcp: "TCP connect", tls: "TLS", auth: "Login" }
    const rows = byTestId("rewardflow-email-diagnosis").locator("tbody tr")
    await until("the diagnosis rows", async () => (await rows.count()) === diagnosis.steps.length)
    for (const [i, step] of diagnosis.steps.entries()) {
      const cells = (await rows.nth(i).locator("td").allTextContents()).map((c) => c.trim())
      expect(cells).toEqual([names[step.step], step.target, labels[step.status], step.error ?? step.detail ?? "", `${step.ms} ms`])
    }
    const row = (step: string, target: string) => byTestId(`rewardflow-email-diagnose-${step}-${target}`)
    return { diagnosis, row }
  }

  it("diagnoses the loopback server step by step: ok, then failed on a closed port", async () => {
    const target = `127.0.0.1:${mail!.port}`
    let { diagnosis, row } = await diagnose()
    const step = (name: string, t = target) => diagnosis.steps.find((x: any) => x.step === name && x.target === t)
    expect(step("dns", "127.0.0.1")).toMatchObject({ status: "ok" })
    expect(step("tcp")).toMatchObject({ status: "ok" })
    expect(step("auth")).toMatchObject({ status: "ok", detail: `authenticated as ${smtpUser}` })
    await expect(row("tcp", target).locator("td").nth(2).textContent()).resolves.toBe("OK")
    await expect(row("auth", target).locator("td").nth(2).textContent()).resolves.toBe("OK")
    await byTestId("rewardflow-email-checks").screenshot({ path: path.join(suite.shots, "email-diagnose-ok.png") })

    // Port moved to one nothing listens on, through the form.
    const closed = await freePort()
    await page().locator("#rewardflow-email-setting-port").fill(String(closed))
    await answerTo("POST", "/admin/loyalty/email/settings", saveSettings)
    await until("the new port", async () => (await page().locator("#rewardflow-email-setting-port").inputValue()) === String(closed))
    ;({ diagnosis, row } = await diagnose())
    const closedTarget = `127.0.0.1:${closed}`
    const tcp = diagnosis.steps.find((x: any) => x.step === "tcp" && x.target === closedTarget)
    expect(tcp).toMatchObject({ status: "failed", error: expect.stringContaining("ECONNREFUSED") })
    const cells = (await row("tcp", closedTarget).locator("td").allTextContents()).map((c) => c.trim())
    expect(cells[2]).toBe("Failed")
    expect(cells[3]).toContain("ECONNREFUSED")
    await expect(row("auth", closedTarget).locator("td").nth(2).textContent()).resolves.toBe("Skipped")
    await byTestId("rewardflow-email-checks").screenshot({ path: path.join(suite.shots, "email-diagnose-failed.png") })
  })

  it("resets a field to env/option: the saved value goes, the default applies again", async () => {
    const portRow = byTestId("rewardflow-email-setting-row-port")
    await answerTo("POST", "/admin/loyalty/email/settings", () => portRow.getByRole("button", { name: "Reset to env/option" }).click())
    await until("port to come from the default", async () => (await text("rewardflow-email-source-port")) === "default")
    await expect(page().locator("#rewardflow-email-setting-port").inputValue()).resolves.toBe("587")
    expect(await portRow.getByRole("button", { name: "Reset to env/option" }).count()).toBe(0)
    const view = (await suite.s.api("GET", "/admin/loyalty/email/settings")).body
    expect(view.settings.port).toEqual({ value: 587, source: "default", is_set: true })

    const passwordRow = byTestId("rewardflow-email-setting-row-password")
    await answerTo("POST", "/admin/loyalty/email/settings", () => passwordRow.getByRole("button", { name: "Reset to env/option" }).click())
    await until("the password to be unset", async () => (await text("rewardflow-email-secret-password")) === "not set")
    expect((await suite.s.api("GET", "/admin/loyalty/email/settings")).body.settings.password).toEqual({
      value: null,
      source: null,
      secret: true,
      is_set: false,
    })
  })

  it("Google Wallet settings: every source, the demo/production switch, and Validate with each check's result", async () => {
    const before = (await suite.s.api("GET", "/admin/loyalty/wallet/settings")).body.google_wallet
    expect(before.environment).toBe("demo")
    expect(before.configured).toBe(false)

    await page().goto(suite.s.url("/app/settings/loyalty-wallet"))
    const box = byTestId("rewardflow-wallet-settings")
    await box.waitFor()
    await byTestId("rewardflow-wallet-source-issuer_id").waitFor()
    for (const name of Object.keys(before.settings)) {
      expect(await text(`rewardflow-wallet-source-${name}`)).toBe(SOURCE_LABEL(before.settings[name].source))
    }
    expect(await text("rewardflow-wallet-source-environment")).toBe("default")
    await box.getByText(`Missing: ${before.missing.join(", ")}`).waitFor()
    await expect(byTestId("rewardflow-wallet-environment").textContent()).resolves.toBe("Demo (test users only)")

    // Production, saved in the admin.
    await byTestId("rewardflow-wallet-environment").click()
    await page().getByRole("option", { name: "Production" }).click()
    const saved = await answerTo("POST", "/admin/loyalty/wallet/settings", saveWallet)
    expect(saved.status).toBe(200)
    await until("environment to come from the database", async () => (await text("rewardflow-wallet-source-environment")) === "database")
    await expect(byTestId("rewardflow-wallet-environment").textContent()).resolves.toBe("Production")
    const after = (await suite.s.api("GET", "/admin/loyalty/wallet/settings")).body.google_wallet
    expect(after.environment).toBe("production")
    expect(after.settings.environment).toMatchObject({ value: "production", source: "database" })

    // Validate: with no Wallet configured every check fails, each with its message and fix.
    const validation = await answerTo("POST", "/admin/loyalty/wallet/validate", () =>
      byTestId("rewardflow-wallet-validation").getByRole("button", { name: "Validate" }).click()
    )
    expect(validation.status).toBe(200)
    const { checks, ok } = validation.body.validation
    expect(ok).toBe(false)
    expect(checks.map((c: any) => c.id)).toEqual(expect.arrayContaining(["service_account", "token", "issuer", "logo"]))
    for (const check of checks) {
      const shown = byTestId(`rewardflow-wallet-check-${check.id}`)
      await shown.waitFor()
      const content = (await shown.textContent()) ?? ""
      expect(content).toContain(check.ok ? "OK" : "Failed")
      expect(content).toContain(check.message)
      if (check.fix) expect(content).toContain(`How to fix: ${check.fix}`)
    }
    for (const id of ["service_account", "issuer", "logo"]) {
      expect(checks.find((c: any) => c.id === id).ok).toBe(false)
    }
    await page().screenshot({ path: path.join(suite.shots, "wallet-settings.png") })
  })

  // A service account key made here: Google has never seen it, which Validate finds out.
  const clientEmail = "wallet-e2e@rewardflow-e2e.iam.gserviceaccount.com"
  const issuerId = "3388000000022334455"
  const origin = "https://shop.rewardflow.test"
  let privateKeyLines: string[] = []
  let walletBefore: any
  let answers: { stop: () => Promise<string[]> } | undefined
  /** The lines of the private key's PEM body found in `text` (none, ever). */
  const keyLeaks = (text: string) => privateKeyLines.filter((line) => text.includes(line))

  /** Every answer of the admin API the page gets from now on, as text. */
  function recordAnswers() {
    const bodies: Promise<string>[] = []
    const listener = (res: Response) => {
      if (new URL(res.url()).pathname.startsWith("/admin/")) bodies.push(res.text().catch(() => ""))
    }
    page().on("response", listener)
    return {
      stop: async () => {
        page().off("response", listener)
        return await Promise.all(bodies)
      },
    }
  }

  it("Google Wallet form: a non-numeric issuer id is refused beside the field; issuer id, origin and a service account key saved through it, the key in no page and no answer", async () => {
    const { privateKey } = crypto.generateKeyPairSync("rsa", {
      modulusLength: 2048,
      privateKeyEncoding: { type: "pkcs8", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    })
    privateKeyLines = privateKey.split("\n").filter((line) => line && !line.startsWith("-----"))
    expect(privateKeyLines.length).toBeGreaterThan(20)
    const serviceAccountJson = JSON.stringify(
      {
        type: "service_account",
        project_id: "rewardflow-e2e",
        private_key_id: crypto.randomBytes(20).toString("hex"),
        private_key: privateKey,
        client_email: clientEmail,
        client_id: "100000000000000000001",
        token_uri: "https://oauth2.googleapis.com/token",
      },
      null,
      2
    )
    const settingsNow = async () => (await suite.s.api("GET", "/admin/loyalty/wallet/settings")).body.google_wallet
    walletBefore = await settingsNow()
    expect(walletBefore.settings.service_account_json).toMatchObject({ is_set: false })
    expect(walletBefore.service_account.client_email).toBeNull()

    answers = recordAnswers()
    await page().goto(suite.s.url("/app/settings/loyalty-wallet"))
    await byTestId("rewardflow-wallet-setting-row-issuer_id").waitFor()
    expect(await text("rewardflow-wallet-secret-service_account_json")).toBe("not set")
    const issuer = page().locator("#rewardflow-wallet-setting-issuer_id")
    const keyInput = page().locator("#rewardflow-wallet-setting-service_account_json")

    // Not a number: the API's 400 names the field and is shown beside it; nothing is saved.
    suite.s.expectFailure("POST /admin/loyalty/wallet/settings 400")
    await issuer.fill("my-shop")
    const bad = await answerTo("POST", "/admin/loyalty/wallet/settings", saveWallet)
    expect(bad.status).toBe(400)
    expect(bad.body.message).toContain("issuer_id must be the numeric issuer id")
    await until("the error beside issuer_id", async () => (await text("rewardflow-wallet-setting-error-issuer_id")) === bad.body.message)
    await byTestId("rewardflow-wallet-setting-row-issuer_id").screenshot({ path: path.join(suite.shots, "wallet-issuer-id-refused.png") })
    expect((await settingsNow()).settings.issuer_id).toEqual(walletBefore.settings.issuer_id)

    // A real issuer id, a storefront origin and the key file's JSON, saved together.
    await issuer.fill(issuerId)
    await until("the error to go", async () => (await byTestId("rewardflow-wallet-setting-error-issuer_id").count()) === 0)
    await page().locator("#rewardflow-wallet-setting-origins").fill(origin)
    await keyInput.fill(serviceAccountJson)
    const saved = await answerTo("POST", "/admin/loyalty/wallet/settings", saveWallet)
    expect(saved.status).toBe(200)
    for (const name of ["issuer_id", "origins", "service_account_json"]) {
      await until(`${name} to come from the database`, async () => (await text(`rewardflow-wallet-source-${name}`)) === "database")
    }
    expect(await text("rewardflow-wallet-secret-service_account_json")).toBe("set")
    expect(await text("rewardflow-wallet-service-account")).toBe(`Service account in use: ${clientEmail} (service_account_json)`)
    await expect(issuer.inputValue()).resolves.toBe(issuerId)
    await expect(keyInput.inputValue()).resolves.toBe("")

    // The API agrees, and returns the key's client_email only.
    const view = await settingsNow()
    expect(view.settings.issuer_id).toEqual({ value: issuerId, source: "database", is_set: true })
    expect(view.settings.origins).toEqual({ value: [origin], source: "database", is_set: true })
    expect(view.settings.service_account_json).toEqual({ value: null, source: "database", secret: true, is_set: true })
    expect(view.service_account).toMatchObject({ client_email: clientEmail, from: "service_account_json" })
    expect(view.missing).not.toContain("issuer_id")
    expect(view.settings.token_url).toEqual({ value: tokenUrl, source: "env", is_set: true })
    expect(await text("rewardflow-wallet-source-token_url")).toBe("env")
    const tokenRow = byTestId("rewardflow-wallet-setting-row-token_url")
    expect(await tokenRow.getByRole("button", { name: "Reset to env/option" }).count()).toBe(0)
    expect(await tokenRow.locator("input, textarea").count()).toBe(0)

    expect(keyLeaks(await page().content())).toEqual([])
    expect(keyLeaks(JSON.stringify(saved.body))).toEqual([])
    expect(keyLeaks(JSON.stringify(view))).toEqual([])
    await walletBox().screenshot({ path: path.join(suite.shots, "wallet-settings-saved.png") })
  })

  it("Validate with the saved key: service_account ok, token failed with its message (Google cannot be reached from here)", async () => {
    const validation = await answerTo("POST", "/admin/loyalty/wallet/validate", () =>
      byTestId("rewardflow-wallet-validation").getByRole("button", { name: "Validate" }).click()
    )
    expect(validation.status).toBe(200)
    const { checks } = validation.body.validation
    const check = (id: string) => checks.find((c: any) => c.id === id)
    expect(check("service_account")).toMatchObject({ ok: true, message: expect.stringContaining(clientEmail) })
    expect(check("token")).toMatchObject({ ok: false, message: expect.stringMatching(/^OAuth token request failed: .*ECONNREFUSED/) })
    expect(check("token").fix).toContain(`cannot reach ${tokenUrl}, so the key of ${clientEmail} was not checked`)
    expect(check("origins")).toMatchObject({ ok: true, message: expect.stringContaining(origin) })

    const shown = async (id: string) => ((await byTestId(`rewardflow-wallet-check-${id}`).textContent()) ?? "").trim()
    await byTestId("rewardflow-wallet-check-token").waitFor()
    const account = await shown("service_account")
    expect(account).toContain("OK")
    expect(account).toContain("Service account key")
    expect(account).toContain(check("service_account").message)
    expect(account).not.toContain("How to fix")
    const token = await shown("token")
    expect(token).toContain("Failed")
    expect(token).toContain("Access token")
    expect(token).toContain(check("token").message)
    expect(token).toContain(`How to fix: ${check("token").fix}`)
    await byTestId("rewardflow-wallet-validation").screenshot({ path: path.join(suite.shots, "wallet-validate-with-key.png") })

    // No answer the page got since the key was typed holds any of it.
    const bodies = await answers!.stop()
    expect(bodies.some((b) => b.includes(`"validation"`))).toBe(true)
    expect(bodies.filter((b) => keyLeaks(b).length)).toEqual([])
    expect(keyLeaks(JSON.stringify(validation.body))).toEqual([])
    expect(keyLeaks(await page().content())).toEqual([])
  })

  it("resets the issuer id to env/option: the saved value goes, the layer below applies again, the rest stays saved", async () => {
    const row = byTestId("rewardflow-wallet-setting-row-issuer_id")
    const reset = await answerTo("POST", "/admin/loyalty/wallet/settings", () => row.getByRole("button", { name: "Reset to env/option" }).click())
    expect(reset.status).toBe(200)
    const fallback = walletBefore.settings.issuer_id
    await until("issuer_id to fall back", async () => (await text("rewardflow-wallet-source-issuer_id")) === SOURCE_LABEL(fallback.source))
    await expect(page().locator("#rewardflow-wallet-setting-issuer_id").inputValue()).resolves.toBe(fallback.value ?? "")
    expect(await row.getByRole("button", { name: "Reset to env/option" }).count()).toBe(0)
    expect(await text("rewardflow-wallet-source-service_account_json")).toBe("database")

    const view = (await suite.s.api("GET", "/admin/loyalty/wallet/settings")).body.google_wallet
    expect(view.settings.issuer_id).toEqual(fallback)
    expect(view.settings.service_account_json).toMatchObject({ source: "database", is_set: true })
    expect(view.settings.origins).toMatchObject({ value: [origin], source: "database" })
  })
}
