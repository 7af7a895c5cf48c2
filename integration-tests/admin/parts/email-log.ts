/**
 * Settings > Loyalty emails, tab "Email log" (src/admin/components/loyalty-emails/email-log.tsx) in
 * the real Medusa admin, in headless Chromium: a settings test mail sent from the page to a closed
 * port is failed and a template test mail is retrying, both shown with recipient, template,
 * language, attempts, the provider and from address used and the attempt's error; the status
 * filter; then delivery pointed at a live SMTP server on loopback (started here) and "send again"
 * confirmed on the failed mail: sent once, on its own log row, checked through the API and at the
 * server. Then the tab in French and German.
 *
 * A part of admin.spec.ts. The email part before it leaves delivery pointed at a server it
 * stopped (with a saved user and password); this part changes only provider, host, port and
 * from_address and puts each back as it found it. Its own server accepts any login, so the
 * saved credentials (whatever they are) work with it.
 */
import path from "node:path"
import { SMTPServer } from "smtp-server"
import { switchLanguage } from "../support/admin-language"
import { adminSuite, until, type SharedHost } from "../support/admin-session"
import { freePort } from "../../fixtures/mail-server"

const CHANGED = ["provider", "host", "port", "from_address", "user"] as const
const TO = "email-log-e2e@rewardflow.test"
const RETRY_TO = "email-log-retry-e2e@rewardflow.test"

/** An SMTP server on loopback that takes any login and counts the mails to each recipient. */
async function startAnyLoginServer() {
  const received: string[] = []
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ["STARTTLS"],
    hideSTARTTLS: true,
    authOptional: true,
    allowInsecureAuth: true,
    onAuth: (auth, _session, cb) => cb(null, { user: auth.username }),
    onData(stream, session, cb) {
      stream.on("data", () => {})
      stream.on("end", () => {
        received.push(...session.envelope.rcptTo.map((r) => r.address))
        cb()
      })
    },
  })
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve))
  return { port, received, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

/** Registers the part's tests in the enclosing `describe`. */
export function emailLogTests(shared: SharedHost) {
  // Declared before adminSuite's hooks, so it runs while the part's browser (its API session) is open.
  afterAll(async () => {
    // Each changed field back as it was: the saved value, or no override at all.
    const saved = before
    if (saved && Object.keys(saved).length) {
      const patch = Object.fromEntries(CHANGED.map((k) => [k, saved[k].source === "database" ? saved[k].value : null]))
      const restored = await suite.s.api("POST", "/admin/loyalty/email/settings", patch)
      await server?.stop()
      expect(restored.status).toBe(200)
      for (const k of CHANGED) expect(restored.body.settings[k]).toEqual(saved[k])
      return
    }
    await server?.stop()
  })
  const suite = adminSuite(shared)
  const page = () => suite.s.page
  const byTestId = (id: string) => suite.s.page.getByTestId(id)
  let before: Record<string, { value: unknown; source: string | null }> | undefined
  let server: Awaited<ReturnType<typeof startAnyLoginServer>> | undefined
  let adminUserId = ""
  let failedId = ""

  const saveSettings = async (patch: Record<string, unknown>) => {
    const res = await suite.s.api("POST", "/admin/loyalty/email/settings", patch)
    expect(res.status).toBe(200)
  }
  const logOf = async (recipient: string) =>
    (await suite.s.api("GET", `/admin/loyalty/email/logs?recipient=${encodeURIComponent(recipient)}`)).body.emails
  const cells = async (id: string) => (await byTestId(`rewardflow-email-log-row-${id}`).locator("td").allTextContents()).map((c) => c.trim())

  async function openLog() {
    await page().goto(suite.s.url("/app/settings/loyalty-emails?tab=log"))
    await byTestId("rewardflow-email-log").waitFor()
  }


  it("logs in; a test mail to a closed port is failed and a template test mail is retrying, as the log tab shows", async () => {
    await suite.s.login()
    adminUserId = (await suite.s.api("GET", "/admin/users/me")).body.user.id
    before = (await suite.s.api("GET", "/admin/loyalty/email/settings")).body.settings
    await saveSettings({ provider: "smtp", host: "127.0.0.1", port: await freePort(), from_address: "log-e2e@rewardflow.test" })

    // The settings test mail, sent from the page: one-shot, so failed at once.
    await page().goto(suite.s.url("/app/settings/loyalty-emails?tab=settings"))
    await page().locator("#rewardflow-email-settings-test-to").fill(TO)
    const answered = page().waitForResponse((r) => new URL(r.url()).pathname === "/admin/loyalty/email/test-mail")
    await byTestId("rewardflow-email-checks").getByRole("button", { name: "Send test mail" }).click()
    expect((await (await answered).json()).email.status).toBe("failed")
    const retrying = await suite.s.api("POST", "/admin/loyalty/email/send-test", { key: "loyalty_points_earned", locale: "fr", to: RETRY_TO })
    expect(retrying.body.email.status).toBe("retrying")

    const [failed] = await logOf(TO)
    failedId = failed.id
    expect(failed).toMatchObject({ status: "failed", attempts: 1, provider: "smtp", from_address: "log-e2e@rewardflow.test" })
    const [retry] = await logOf(RETRY_TO)

    await page().getByRole("tab", { name: "Email log" }).click()
    await byTestId(`rewardflow-email-log-row-${failed.id}`).waitFor()
    const date = (iso: string) => new Date(iso).toLocaleString("en", { dateStyle: "medium", timeStyle: "short" })
    expect(await cells(failed.id)).toEqual([date(failed.created_at), TO, "Settings test mail", "English", "Failed", "1", "smtp · log-e2e@rewardflow.test", "AttemptsSend again"])
    expect(await cells(retry.id)).toEqual([date(retry.created_at), RETRY_TO, "Points earned", "French", "Retrying", "1", "smtp · log-e2e@rewardflow.test", "Attempts"])

    // The attempts: the server's error as the log has it.
    await byTestId(`rewardflow-email-log-row-${failed.id}`).getByRole("button", { name: "Attempts" }).click()
    const attempts = byTestId(`rewardflow-email-log-attempts-${failed.id}`)
    await attempts.waitFor()
    const attempt = (await attempts.textContent()) ?? ""
    expect(attempt).toContain("Attempt 1")
    expect(attempt).toContain("Provider: smtp · From: log-e2e@rewardflow.test")
    expect(failed.attempt_history[0].error).toContain("ECONNREFUSED")
    expect(attempt).toContain(`Error: ${failed.attempt_history[0].error}`)
    await byTestId("rewardflow-email-log").screenshot({ path: path.join(suite.shots, "email-log-failed.png") })
  })

  it("filters by status: Failed shows only failed mails, as many as the API counts", async () => {
    await page().locator("#rewardflow-email-log-status").click()
    await page().getByRole("option", { name: "Failed", exact: true }).click()
    const { body } = await suite.s.api("GET", "/admin/loyalty/email/logs?status=failed&limit=20")
    const rows = byTestId("rewardflow-email-log").locator("tbody tr[data-testid^='rewardflow-email-log-row-']")
    await until("only failed rows", async () => (await rows.count()) === body.emails.length)
    for (const email of body.emails) await byTestId(`rewardflow-email-log-row-${email.id}`).waitFor()
    expect(await byTestId("rewardflow-email-log").getByText("Retrying", { exact: true }).count()).toBe(0)
  })

  it("sends the failed mail again after the confirmation, to a live server: sent once, on its own row", async () => {
    server = await startAnyLoginServer()
    // No login: the email part before this one left a user saved but reset its password.
    await saveSettings({ port: server.port, user: null })
    await openLog()
    const row = byTestId(`rewardflow-email-log-row-${failedId}`)
    await row.getByRole("button", { name: "Send again" }).click()
    const dialog = page().getByRole("alertdialog")
    await dialog.getByText(`${TO} receives`).waitFor()
    const answered = page().waitForResponse((r) => new URL(r.url()).pathname === `/admin/loyalty/email/logs/${failedId}/resend`)
    await dialog.getByRole("button", { name: "Send again", exact: true }).click()
    const res = await answered
    expect(res.status()).toBe(200)
    let shown: string[] = []
    await until("the row to show Sent", async () => {
      shown = await cells(failedId)
      return shown[4] === "Sent"
    }).catch(async (e) => {
      const { body } = await suite.s.api("GET", `/admin/loyalty/email/logs?recipient=${encodeURIComponent(TO)}`)
      throw new Error(`${e.message}; the row shows ${JSON.stringify(shown)}; the log has ${JSON.stringify(body.emails?.[0] ?? body).slice(0, 800)}`)
    })
    expect(await row.getByRole("button", { name: "Send again" }).count()).toBe(0)

    const rows = await logOf(TO)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ id: failedId, status: "sent", attempts: 2, error: null })
    expect(rows[0].attempt_history.map((a: any) => a.status)).toEqual(["failed", "sent"])
    expect(rows[0].context.resends).toEqual([{ at: expect.any(String), by: adminUserId, attempt: 2 }])
    expect(server.received.filter((r) => r === TO)).toHaveLength(1)
    await byTestId(`rewardflow-email-log-attempts-${failedId}`).getByText("Sent again by an admin").waitFor()
    await byTestId("rewardflow-email-log").screenshot({ path: path.join(suite.shots, "email-log-sent-again.png") })

    // Asked again through the API: refused, nothing more is sent.
    const again = await suite.s.api("POST", `/admin/loyalty/email/logs/${failedId}/resend`, {})
    expect(again.status).toBe(409)
    expect(again.body).toMatchObject({ reason: "not_failed", status: "sent" })
    expect(server.received.filter((r) => r === TO)).toHaveLength(1)
  })

  it("is translated in French and German", async () => {
    for (const [language, labels] of [
      ["Français", { tab: "Journal des e-mails", recipient: "Destinataire", sent: "Envoyé", template: "E-mail de test des réglages" }],
      ["Deutsch", { tab: "E-Mail-Protokoll", recipient: "Empfänger", sent: "Gesendet", template: "Test-E-Mail der Einstellungen" }],
    ] as const) {
      await switchLanguage(suite.s, language)
      await openLog()
      await page().getByRole("tab", { name: labels.tab, exact: true }).waitFor()
      await byTestId("rewardflow-email-log").getByRole("columnheader", { name: labels.recipient, exact: true }).waitFor()
      await until(`the row in ${language}`, async () => {
        const c = await cells(failedId)
        return c[2] === labels.template && c[4] === labels.sent
      })
    }
    await byTestId("rewardflow-email-log").screenshot({ path: path.join(suite.shots, "email-log-de.png") })
  })
}
