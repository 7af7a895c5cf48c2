import { join } from "node:path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { MigrationScriptsMigrator } from "@medusajs/framework/migrations"
import { LOYALTY_MODULE } from "../../src/modules/loyalty"
import type LoyaltyModuleService from "../../src/modules/loyalty/service"
import { LOYALTY_MESSAGING_MODULE, TEMPLATE_KEYS, EMAIL_LOCALES } from "../../src/modules/loyalty-messaging"
import type LoyaltyMessagingModuleService from "../../src/modules/loyalty-messaging/service"
import { SecretBox } from "../../src/lib/layered-settings"
import seedLoyaltyEmailTemplates from "../../src/migration-scripts/seed-loyalty-email-templates"
import retryLoyaltyEmails from "../../src/jobs/retry-loyalty-emails"
import notifyExpiringLoyaltyPoints from "../../src/jobs/notify-expiring-points"
import {
  adminHeaders,
  failure,
  freePort,
  nonLoopbackAddress,
  registerCustomer,
  seedStore,
  selfSignedCertificate,
  startMailServer,
  subscribersDone,
  type MailServer,
  type StoreFixture,
} from "../fixtures"

jest.setTimeout(120_000)

const SMTP_ENV = [
  "REWARDFLOW_EMAIL_PROVIDER",
  "REWARDFLOW_SMTP_HOST",
  "REWARDFLOW_SMTP_PORT",
  "REWARDFLOW_SMTP_USER",
  "REWARDFLOW_SMTP_PASSWORD",
  "REWARDFLOW_SMTP_SECURE",
  "REWARDFLOW_SMTP_FROM",
  "REWARDFLOW_EMAIL_FROM_NAME",
]

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: StoreFixture
    let admin: { headers: Record<string, string> }
    let adminUserId: string
    const cert = selfSignedCertificate()
    const servers: MailServer[] = []

    beforeAll(async () => {
      const container = getContainer()
      store = await seedStore(container)
      admin = await adminHeaders(container)
      const [user] = await container.resolve(Modules.USER).listUsers({ email: "admin@rewardflow.test" })
      adminUserId = user.id
      // The templates are seeded the way `medusa db:migrate` does it: Medusa's migration
      // script runner over the plugin's src/migration-scripts.
      const migrator = new MigrationScriptsMigrator({ container })
      await migrator.ensureMigrationsTable()
      await migrator.run([join(__dirname, "../../src/migration-scripts")])
    })

    afterEach(async () => {
      for (const name of SMTP_ENV) delete process.env[name]
      await Promise.all(servers.splice(0).map((s) => s.stop()))
    })

    const container = () => getContainer()
    const eventBus = () => container().resolve(Modules.EVENT_BUS)
    const messaging = () => container().resolve<LoyaltyMessagingModuleService>(LOYALTY_MESSAGING_MODULE)
    const loyalty = () => container().resolve<LoyaltyModuleService>(LOYALTY_MODULE)

    async function mailServer(opts: Parameters<typeof startMailServer>[0] = {}) {
      const server = await startMailServer(opts)
      servers.push(server)
      return server
    }

    async function saveSettings(body: Record<string, unknown>, headers = admin) {
      return (await api.post("/admin/loyalty/email/settings", body, headers)).data
    }

    /** Points delivery at a plain loopback server (no TLS, no auth). */
    async function usePlainServer(server: MailServer, extra: Record<string, unknown> = {}) {
      await saveSettings({ provider: "smtp", host: "127.0.0.1", port: server.port, from_address: "loyalty@rewardflow.test", ...extra })
    }

    async function logs(qs = "") {
      return (await api.get(`/admin/loyalty/email/logs${qs}`, admin)).data.emails
    }

    let seq = 0
    async function newShopper(first_name = "Jos", metadata?: Record<string, unknown>) {
      seq++
      const shopper = await registerCustomer(api as any, store.publishable_key, {
        email: `member${seq}-${Date.now()}@rewardflow.test`,
        password: "s3cret-pass",
        first_name,
      })
      if (metadata) await api.post(`/admin/customers/${shopper.customer.id}`, { metadata }, admin)
      return shopper
    }

    /** Enrolls through the store API and waits for the email subscribers to finish. */
    async function enroll(shopper: { headers: Record<string, string> }, withBonus = false) {
      const waits = [subscribersDone("loyalty.account_enrolled", eventBus())]
      if (withBonus) waits.push(subscribersDone("loyalty.points_earned", eventBus()))
      const { data } = await api.post("/store/loyalty/enroll", {}, { headers: shopper.headers })
      await Promise.all(waits)
      return data.account
    }

    /** Writes a mail to the log as `queued`, the way the send workflow's first step does. */
    async function queueMail(key: string) {
      const { log } = await messaging().queueEmail({
        idempotency_key: key,
        template_key: "loyalty_enrollment",
        locale: "en",
        recipient: `${key}@rewardflow.test`,
        subject: `mail ${key}`,
        html_body: "<p>x</p>",
        text_body: "x",
      })
      return log
    }

    /** Waits (without a time limit of its own) until the condition holds. */
    async function until(condition: () => boolean) {
      while (!condition()) await new Promise((r) => setTimeout(r, 20))
    }

    const sql = () => container().resolve(ContainerRegistrationKeys.PG_CONNECTION)

    async function emit(name: string, data: Record<string, unknown>) {
      const done = subscribersDone(name, eventBus())
      await eventBus().emit({ name, data })
      await done
    }

    describe("templates", () => {
      it("seeds 32 templates (8 keys x 4 locales) once, and seeding again never overwrites an edited one", async () => {
        const { templates, variables } = (await api.get("/admin/loyalty/email/templates", admin)).data
        expect(templates).toHaveLength(TEMPLATE_KEYS.length * EMAIL_LOCALES.length)
        expect(templates).toHaveLength(32)
        for (const key of TEMPLATE_KEYS) {
          expect(templates.filter((t: any) => t.key === key).map((t: any) => t.locale).sort()).toEqual([...EMAIL_LOCALES].sort())
        }
        expect(variables.loyalty_reward_ready).toContain("reward.name")

        const lb = templates.find((t: any) => t.key === "loyalty_enrollment" && t.locale === "lb")
        expect(lb.subject).toBe("Wëllkomm bei {{program.name}}!")
        const { data } = await api.post(`/admin/loyalty/email/templates/${lb.id}`, { subject: "Moien {{customer.first_name}}, wëllkomm!" }, admin)
        expect(data.template.updated_by).toBe(adminUserId)

        await seedLoyaltyEmailTemplates({ container: container() })
        const after = (await api.get(`/admin/loyalty/email/templates/${lb.id}`, admin)).data.template
        expect(after.subject).toBe("Moien {{customer.first_name}}, wëllkomm!")
        expect((await api.get("/admin/loyalty/email/templates", admin)).data.templates).toHaveLength(32)
      })

      it("every seeded template previews in its own locale with no variable left unfilled", async () => {
        const { templates } = (await api.get("/admin/loyalty/email/templates", admin)).data
        for (const t of templates) {
          const { preview } = (await api.post("/admin/loyalty/email/preview", { key: t.key, locale: t.locale }, admin)).data
          expect(preview.locale).toBe(t.locale)
          for (const part of [preview.subject, preview.html, preview.text]) {
            expect(part).not.toMatch(/\{\{|\}\}/)
          }
          expect(preview.text).toContain("Léa")
          expect(preview.html).toContain("Léa")
          expect(preview.html).toContain('name="viewport"')
        }
      })

      it("refuses an unknown variable with a 400 naming it, and changes nothing", async () => {
        const [t] = (await api.get("/admin/loyalty/email/templates?key=loyalty_enrollment&locale=en", admin)).data.templates
        const bad = await failure(
          api.post(`/admin/loyalty/email/templates/${t.id}`, { html_body: "<p>{{reward.name}}</p>", subject: "New" }, admin)
        )
        expect(bad.status).toBe(400)
        expect(bad.data.message).toContain("html_body: unknown variable {{reward.name}} for loyalty_enrollment")
        const unclosed = await failure(api.post(`/admin/loyalty/email/templates/${t.id}`, { text_body: "{{#if balance}}x" }, admin))
        expect(unclosed.status).toBe(400)
        expect(unclosed.data.message).toContain("text_body: {{#if balance}} is never closed")
        const unknownField = await failure(api.post(`/admin/loyalty/email/templates/${t.id}`, { body: "x" }, admin))
        expect(unknownField.status).toBe(400)
        const after = (await api.get(`/admin/loyalty/email/templates/${t.id}`, admin)).data.template
        expect(after.subject).toBe(t.subject)
        expect(after.html_body).toBe(t.html_body)
        expect(after.updated_by).toBeNull()
        const preview = await failure(
          api.post("/admin/loyalty/email/preview", { key: "loyalty_points_earned", locale: "fr", draft: { subject: "{{points}} {{wallet}}" } }, admin)
        )
        expect(preview.status).toBe(400)
        expect(preview.data.message).toContain("subject: unknown variable {{wallet}}")
      })

      it("send-test mails a template, or a draft of it, rendered with sample data in the asked language, and logs it", async () => {
        const server = await mailServer()
        await usePlainServer(server)
        const send = (body: Record<string, unknown>) => api.post("/admin/loyalty/email/send-test", { to: "owner@rewardflow.test", ...body }, admin)

        const { email } = (await send({ key: "loyalty_points_earned", locale: "fr" })).data
        expect(email.status).toBe("sent")
        expect(server.mails).toHaveLength(1)
        const mail = server.mails[0]
        expect(mail.envelope).toEqual({ from: "loyalty@rewardflow.test", to: ["owner@rewardflow.test"] })
        expect(mail.subject).toBe("[TEST] Vous avez gagné 150 points")
        expect(mail.text).toContain("Léa")
        expect(mail.text).toMatch(/Votre solde est maintenant de 1\s250 points/)
        expect(mail.html).toContain('name="viewport"')

        // A draft is sent as drafted (not saved); Luxembourgish switched off falls back to German.
        const [lb] = (await api.get("/admin/loyalty/email/templates?key=loyalty_reward_ready&locale=lb", admin)).data.templates
        await api.post(`/admin/loyalty/email/templates/${lb.id}`, { is_active: false }, admin)
        await send({ key: "loyalty_reward_ready", locale: "lb", draft: { subject: "Entwurf: {{reward.name}} für {{reward.points_cost}} Punkte" } })
        expect(server.mails[1].subject).toBe("[TEST] Entwurf: Free coffee für 1.000 Punkte")

        const logged = (await logs()).filter((l: any) => l.recipient === "owner@rewardflow.test")
        expect(logged.map((l: any) => [l.template_key, l.locale, l.status])).toEqual([
          ["loyalty_reward_ready", "de", "sent"],
          ["loyalty_points_earned", "fr", "sent"],
        ])
        const stored = (await api.get(`/admin/loyalty/email/templates/${lb.id}`, admin)).data.template
        expect(stored.subject).not.toContain("Entwurf")

        const bad = await failure(send({ key: "loyalty_points_earned", locale: "fr", to: "nobody" }))
        expect(bad.status).toBe(400)
        expect(bad.data.message).toContain("to must be an email address")
        const unknown = await failure(send({ key: "loyalty_points_earned", locale: "fr", draft: { subject: "{{reward.name}}" } }))
        expect(unknown.status).toBe(400)
        expect(unknown.data.message).toContain("subject: unknown variable {{reward.name}}")
        expect(server.mails).toHaveLength(2)
      })

      it("staff edit templates only with loyalty.manage_templates (plugin option without RBAC); settings stay admin-only", async () => {
        const [t] = (await api.get("/admin/loyalty/email/templates?key=loyalty_points_earned&locale=de", admin)).data.templates
        const userModule = container().resolve(Modules.USER)
        const as = async (email: string, role: string) => {
          const headers = await adminHeaders(container(), { email })
          const [u] = await userModule.listUsers({ email })
          await userModule.updateUsers({ id: u.id, metadata: { role } })
          return headers
        }
        const staff = await as("staff@rewardflow.test", "staff")
        const editor = await as("editor@rewardflow.test", "staff")
        const marketing = await as("someone@rewardflow.test", "marketing")

        expect((await api.get(`/admin/loyalty/email/templates/${t.id}`, staff)).data.template.id).toBe(t.id)
        const refused = await failure(api.post(`/admin/loyalty/email/templates/${t.id}`, { subject: "Staff {{points}}" }, staff))
        expect(refused.status).toBe(403)
        expect(refused.data.message).toContain("loyalty.manage_templates")
        expect((await api.get(`/admin/loyalty/email/templates/${t.id}`, admin)).data.template.subject).toBe(t.subject)

        await api.post(`/admin/loyalty/email/templates/${t.id}`, { subject: "Editor {{points}}" }, editor)
        await api.post(`/admin/loyalty/email/templates/${t.id}`, { subject: "Marketing {{points}}" }, marketing)
        const saved = (await api.get(`/admin/loyalty/email/templates/${t.id}`, admin)).data.template
        expect(saved.subject).toBe("Marketing {{points}}")

        const settings = await failure(saveSettings({ host: "evil.example" }, editor))
        expect(settings.status).toBe(403)
        expect(settings.data.message).toContain("only admins")
        expect((await api.get("/admin/loyalty/email/settings", admin)).data.settings.host.source).toBeNull()
      })
    })

    describe("delivery", () => {
      it("enrollment mails arrive over STARTTLS with AUTH, in the shopper's language, and a redelivered event sends nothing", async () => {
        const server = await mailServer({ tls: cert, auth: { user: "loyalty", pass: "smtp-pass-123" } })
        await saveSettings({
          provider: "smtp",
          host: "127.0.0.1",
          port: server.port,
          require_tls: true,
          user: "loyalty",
          password: "smtp-pass-123",
          from_address: "loyalty@rewardflow.test",
          from_name: "Café Lëtzebuerg",
          // The test server's certificate is self-signed (made by this test).
          tls_reject_unauthorized: false,
        })
        await api.post("/admin/loyalty/program", { welcome_bonus_points: 1250 }, admin)
        const shopper = await newShopper("Jos", { locale: "lb" })
        const account = await enroll(shopper, true)

        expect(server.mails).toHaveLength(2)
        const welcome = server.mails.find((m) => m.subject === "Wëllkomm bei Rewards!")!
        const bonus = server.mails.find((m) => m.subject === "1.250 Wëllkommspunkte fir Iech")!
        expect(welcome).toBeDefined()
        expect(bonus).toBeDefined()
        for (const mail of [welcome, bonus]) {
          expect(mail.secure).toBe(true)
          expect(mail.user).toBe("loyalty")
          expect(mail.envelope.to).toEqual([shopper.customer.email])
          expect(mail.from?.value[0]).toEqual({ address: "loyalty@rewardflow.test", name: "Café Lëtzebuerg" })
        }
        expect(welcome.text).toContain("Moien Jos,")
        expect(welcome.text).toContain(`Är Kaartennummer: ${account.card_number.replace(/(\d{4})(?=\d)/g, "$1 ")}`)
        expect(bonus.text).toContain("hu mir Iech 1.250 Punkten op Äert Konto gutgeschriwwen")
        expect(bonus.html).toContain("<strong>1.250 Punkten</strong>")

        const logged = await logs()
        const enrollmentLog = logged.find((l: any) => l.template_key === "loyalty_enrollment")
        expect(enrollmentLog).toMatchObject({
          status: "sent",
          locale: "lb",
          recipient: shopper.customer.email,
          provider: "smtp",
          from_address: "loyalty@rewardflow.test",
          attempts: 1,
        })
        expect(welcome.messageId).toBe(enrollmentLog.message_id)

        // The same event delivered again (Redis retry, second worker): the log key holds.
        await emit("loyalty.account_enrolled", { id: account.id, customer_id: shopper.customer.id })
        expect(server.mails).toHaveLength(2)
        expect((await logs("?template_key=loyalty_enrollment")).filter((l: any) => l.recipient === shopper.customer.email)).toHaveLength(1)
      })

      it("falls back as a whole template (lb -> de) and uses the program's locale when the shopper has none", async () => {
        const server = await mailServer()
        await usePlainServer(server)
        const [lb] = (await api.get("/admin/loyalty/email/templates?key=loyalty_enrollment&locale=lb", admin)).data.templates
        await api.post(`/admin/loyalty/email/templates/${lb.id}`, { is_active: false }, admin)
        await enroll(await newShopper("Marie", { locale: "lb" }))
        expect(server.mails[0].subject).toBe("Willkommen bei Rewards!")
        expect(server.mails[0].text).toContain("Hallo Marie,")

        await api.post("/admin/loyalty/program", { default_locale: "fr" }, admin)
        await enroll(await newShopper("Luc"))
        expect(server.mails[1].subject).toBe("Bienvenue dans Rewards !")
        expect(server.mails[1].text).toContain("Bonjour Luc,")
        const locales = (await logs("?template_key=loyalty_enrollment")).map((l: any) => l.locale).sort()
        expect(locales).toEqual(["de", "fr"])
      })

      it("points earned, reward ready (reward not loadable) and expiring points each send their mail once", async () => {
        const server = await mailServer()
        await usePlainServer(server)
        const shopper = await newShopper("Anna", { locale: "de" })
        const account = await enroll(shopper)
        server.mails.splice(0)

        await emit("loyalty.points_earned", { id: "lent_test_1", account_id: account.id, customer_id: shopper.customer.id, type: "earn", points: 1234, balance: 1234 })
        expect(server.mails.map((m) => m.subject)).toEqual(["Sie haben 1.234 Punkte gesammelt"])

        await emit("loyalty.reward_ready", { id: "lrew_missing", account_id: account.id, customer_id: shopper.customer.id, balance: 1234, points_cost: 1000 })
        expect(server.mails[1].subject).toBe("Ihre Prämie wartet")
        expect(server.mails[1].text).toContain("genug für eine Prämie (1.000 Punkte)")

        // Points that expire in 5 days: the job announces them once, however often it runs.
        const expires = new Date(Date.now() + 5 * 86_400_000)
        await loyalty().creditPoints({
          account_id: account.id,
          type: "adjust",
          points: 300,
          source_type: "admin",
          idempotency_key: `test-expiring-${account.id}`,
          expires_at: expires,
          reason: "test",
        } as any)
        const expiring = subscribersDone("loyalty.points_expiring", eventBus())
        await notifyExpiringLoyaltyPoints(container())
        await expiring
        await notifyExpiringLoyaltyPoints(container())
        const date = new Intl.DateTimeFormat("de", { dateStyle: "long", timeZone: "UTC" }).format(expires)
        expect(server.mails.slice(2).map((m) => m.subject)).toEqual([`300 Punkte verfallen am ${date}`])
        expect(server.mails[2].text).toContain("Ihr Punktestand beträgt 300 Punkte")
      })

      it("reward ready: a real crossing mails the reward's name in the shopper's language, once per crossing", async () => {
        const server = await mailServer()
        await usePlainServer(server)
        const shopper = await newShopper("Lena", { locale: "lb" })
        const account = await enroll(shopper)
        server.mails.splice(0)
        const { data } = await api.post(
          "/admin/loyalty/rewards",
          { name: { en: "Free coffee", de: "Gratis Kaffi" }, points_cost: 100, type: "free_shipping" },
          admin
        )
        const cross = async (points: number) => {
          const ready = subscribersDone("loyalty.reward_ready", eventBus())
          await api.post(`/admin/loyalty/accounts/${account.id}/adjust`, { points, reason: "test" }, admin)
          await ready
        }
        await cross(150)
        // Luxembourgish has no name of its own: German, the first fallback.
        expect(server.mails.map((m) => m.subject)).toHaveLength(1)
        expect(server.mails[0].text).toContain("Gratis Kaffi")
        const first = (await logs("?template_key=loyalty_reward_ready")).filter((l: any) => l.recipient === shopper.customer.email)
        expect(first).toHaveLength(1)
        // Back under the cost, then over it again: a new crossing, a new mail.
        await api.post(`/admin/loyalty/accounts/${account.id}/adjust`, { points: -100, reason: "test" }, admin)
        await cross(60)
        expect(server.mails).toHaveLength(2)
        await api.post(`/admin/loyalty/rewards/${data.reward.id}`, { is_active: false }, admin)
      })

      it("without seeded rows the built-in copy is sent; a mail switched off in every language is not", async () => {
        const server = await mailServer()
        await usePlainServer(server)
        const rows = await messaging().listLoyaltyEmailTemplates({ key: "loyalty_enrollment" })
        await messaging().softDeleteLoyaltyEmailTemplates(rows.map((r: any) => r.id))
        try {
          await enroll(await newShopper("Mia", { locale: "fr" }))
          expect(server.mails.map((m) => m.subject)).toEqual(["Bienvenue dans Rewards !"])
        } finally {
          await messaging().restoreLoyaltyEmailTemplates(rows.map((r: any) => r.id))
        }
        const earned = await messaging().listLoyaltyEmailTemplates({ key: "loyalty_points_earned" })
        for (const t of earned) await api.post(`/admin/loyalty/email/templates/${t.id}`, { is_active: false }, admin)
        const shopper = await newShopper("Max")
        const account = await enroll(shopper)
        await emit("loyalty.points_earned", { id: "lent_off_1", account_id: account.id, customer_id: shopper.customer.id, type: "earn", points: 10, balance: 10 })
        expect(server.mails.map((m) => m.subject)).toEqual(["Bienvenue dans Rewards !", "Welcome to Rewards!"])
        expect((await logs("?template_key=loyalty_points_earned")).filter((l: any) => l.recipient === shopper.customer.email)).toEqual([])
        for (const t of earned) await api.post(`/admin/loyalty/email/templates/${t.id}`, { is_active: true }, admin)
      })

      it("mail server down: logged as retrying, sent once when it is back", async () => {
        const port = await freePort()
        await saveSettings({ provider: "smtp", host: "127.0.0.1", port, from_address: "loyalty@rewardflow.test" })
        const shopper = await newShopper("Paul")
        await enroll(shopper)

        let [log] = await logs("?template_key=loyalty_enrollment")
        expect(log).toMatchObject({ status: "retrying", attempts: 1, provider: "smtp", from_address: "loyalty@rewardflow.test" })
        expect(log.error).toContain("ECONNREFUSED")

        // Not due yet: the job leaves it alone (backoff).
        await retryLoyaltyEmails(container())
        ;[log] = await logs("?template_key=loyalty_enrollment")
        expect(log).toMatchObject({ status: "retrying", attempts: 1 })

        const server = await mailServer({ port })
        // Time passes until the retry is due.
        await messaging().updateLoyaltyEmailLogs({ id: log.id, next_attempt_at: new Date(Date.now() - 1000) })
        await retryLoyaltyEmails(container())
        await retryLoyaltyEmails(container())
        await emit("loyalty.account_enrolled", { id: log.context.account_id, customer_id: shopper.customer.id })

        expect(server.mails).toHaveLength(1)
        expect(server.mails[0].subject).toBe("Welcome to Rewards!")
        expect(server.mails[0].messageId).toBe(log.message_id)
        ;[log] = await logs("?template_key=loyalty_enrollment")
        expect(log).toMatchObject({ status: "sent", attempts: 2, error: null })
        // Each attempt is kept: why the first failed, and what sent the second.
        expect(log.attempt_history).toHaveLength(2)
        expect(log.attempt_history[0]).toMatchObject({ status: "retrying", provider: "smtp", from_address: "loyalty@rewardflow.test" })
        expect(log.attempt_history[0].error).toContain("ECONNREFUSED")
        expect(log.attempt_history[1]).toMatchObject({ status: "sent", provider: "smtp", from_address: "loyalty@rewardflow.test", error: null })
      })

      it("a mail whose sender died mid-send is sent by the job after the lease; one held by a live sender is not", async () => {
        const server = await mailServer()
        await usePlainServer(server)
        const crashed = await queueMail("crashed")
        const live = await queueMail("live")
        await messaging().updateLoyaltyEmailLogs([
          { id: crashed.id, status: "sending", attempts: 1, lease_until: new Date(Date.now() - 1000) },
          { id: live.id, status: "sending", attempts: 1, lease_until: new Date(Date.now() + 600_000) },
        ])
        await retryLoyaltyEmails(container())
        await retryLoyaltyEmails(container())
        expect(server.mails.map((m) => m.subject)).toEqual(["mail crashed"])
        const byKey = Object.fromEntries((await logs()).map((l: any) => [l.idempotency_key, l]))
        expect(byKey.crashed).toMatchObject({ status: "sent", attempts: 2 })
        expect(byKey.live).toMatchObject({ status: "sending", attempts: 1 })
      })

      it("a sender that overruns its lease cannot overwrite the attempt that took over: one mail, one sent", async () => {
        // The server holds each mail until the test lets it answer.
        const answers: ((refusal?: Error) => void)[] = []
        const server = await mailServer({ beforeAccept: () => new Promise((resolve) => answers.push(resolve)) })
        await usePlainServer(server)
        const log = await queueMail("slow")

        const first = messaging().deliverEmail(log.id)
        await until(() => answers.length === 1)
        // Attempt 1 is still waiting for the server when its lease runs out; the job takes over.
        await sql().raw("UPDATE loyalty_email_log SET lease_until = now() - interval '1 second' WHERE id = ?", [log.id])
        const job = retryLoyaltyEmails(container())
        await until(() => answers.length === 2)

        // Attempt 1 ends late, refused by the server: it must not mark attempt 2's mail retrying.
        answers[0](Object.assign(new Error("try again later"), { responseCode: 451 }))
        const late = await first
        expect(late.log).toMatchObject({ status: "sending", attempts: 2, error: null })

        answers[1]()
        await job
        const [row] = await logs("?template_key=loyalty_enrollment")
        expect(row).toMatchObject({ id: log.id, status: "sent", attempts: 2, error: null })
        expect(row.attempt_history.map((h: any) => h.status)).toEqual(["sent"])
        await retryLoyaltyEmails(container())
        expect(server.mails.map((m) => m.subject)).toEqual(["mail slow"])
      })

      it("a mail left queued by a crash right after queueing is sent once by the job; a fresh one is left to its sender", async () => {
        const server = await mailServer()
        await usePlainServer(server)
        const stale = await queueMail("crashed-after-queue")
        const fresh = await queueMail("being-sent-now")
        // The process died after the queue step committed (older than the lease of 120 s).
        await sql().raw("UPDATE loyalty_email_log SET created_at = now() - interval '10 minutes' WHERE id = ?", [stale.id])

        await retryLoyaltyEmails(container())
        await retryLoyaltyEmails(container())
        expect(server.mails.map((m) => m.subject)).toEqual(["mail crashed-after-queue"])
        expect(server.mails[0].messageId).toBe(stale.message_id)
        const byKey = Object.fromEntries((await logs()).map((l: any) => [l.idempotency_key, l]))
        expect(byKey["crashed-after-queue"]).toMatchObject({ status: "sent", attempts: 1 })
        expect(byKey["being-sent-now"]).toMatchObject({ id: fresh.id, status: "queued", attempts: 0 })
      })
    })

    describe("settings", () => {
      it("database overrides beat env field by field; the test mail states what was used; secrets never come back", async () => {
        const server = await mailServer()
        const closed = await freePort()
        Object.assign(process.env, {
          REWARDFLOW_EMAIL_PROVIDER: "smtp",
          REWARDFLOW_SMTP_HOST: "127.0.0.1",
          REWARDFLOW_SMTP_PORT: String(closed),
          REWARDFLOW_SMTP_FROM: "env@rewardflow.test",
          REWARDFLOW_SMTP_PASSWORD: "env-secret-pw",
        })
        let view = (await api.get("/admin/loyalty/email/settings", admin)).data
        expect(view.settings.port).toEqual({ value: closed, source: "env", is_set: true })
        expect(view.settings.provider).toEqual({ value: "smtp", source: "env", is_set: true })
        expect(view.settings.password).toEqual({ value: null, source: "env", secret: true, is_set: true })
        // Unset: implicit TLS on port 465 only.
        expect(view.settings.secure).toEqual({ value: null, source: null, is_set: false })
        expect(JSON.stringify(view)).not.toContain("env-secret-pw")

        view = await saveSettings({ port: server.port, from_address: "db@rewardflow.test", password: "db-secret-pw" })
        expect(view.settings.port).toEqual({ value: server.port, source: "database", is_set: true })
        expect(view.settings.from_address.source).toBe("database")
        expect(view.settings.password).toEqual({ value: null, source: "database", secret: true, is_set: true })
        expect(view.delivery).toMatchObject({ provider: "smtp", host: "127.0.0.1", port: server.port, from: "db@rewardflow.test" })
        expect(JSON.stringify(view)).not.toContain("db-secret-pw")
        const [row] = await messaging().listLoyaltyEmailSettings()
        expect(JSON.stringify(row.overrides)).not.toContain("db-secret-pw")
        expect(String((row.overrides as any).password)).toMatch(/^v1\./)
        // The settings workflow keeps its executions (a week): the route sealed the password before
        // it ran, so neither its input nor any checkpoint holds it.
        const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
        const executions = await pg("workflow_execution").where({ workflow_id: "update-loyalty-email-settings" }).select("execution", "context")
        expect(executions.length).toBeGreaterThan(0)
        expect(JSON.stringify(executions)).toContain('"sealed":"v1.')
        expect(JSON.stringify(executions)).not.toContain("db-secret-pw")

        const { email } = (await api.post("/admin/loyalty/email/test", { to: "owner@rewardflow.test" }, admin)).data
        expect(email.status).toBe("sent")
        expect(server.mails).toHaveLength(1)
        const mail = server.mails[0]
        expect(mail.envelope).toEqual({ from: "db@rewardflow.test", to: ["owner@rewardflow.test"] })
        expect(mail.text).toContain("Provider: smtp (from env)")
        expect(mail.text).toContain("Host: 127.0.0.1 (from env)")
        expect(mail.text).toContain(`Port: ${server.port} (from database)`)
        expect(mail.text).toContain("Security: plain on loopback (no TLS) (127.0.0.1 is a loopback host and require_tls is not on)")
        expect(mail.text).toContain("From: db@rewardflow.test (from database)")
        expect(mail.text).not.toContain(String(closed))
        const [log] = await logs("?template_key=settings_test")
        expect(log).toMatchObject({ status: "sent", provider: "smtp", from_address: "db@rewardflow.test", recipient: "owner@rewardflow.test" })
        const allLogs = JSON.stringify(await logs())
        expect(allLogs).not.toContain("db-secret-pw")

        // null removes the override: env rules the port again.
        view = await saveSettings({ port: null })
        expect(view.settings.port).toEqual({ value: closed, source: "env", is_set: true })
      })

      it("bad settings get a 400 naming the field and change nothing", async () => {
        const bad = await failure(saveSettings({ port: 70000, host: "smtp.example.lu" }))
        expect(bad.status).toBe(400)
        expect(bad.data.message).toContain("port must be an integer from 1 to 65535")
        const unknown = await failure(saveSettings({ hots: "smtp.example.lu" }))
        expect(unknown.status).toBe(400)
        expect(unknown.data.message).toContain("hots is not a setting")
        const provider = await failure(saveSettings({ provider: "pigeon" }))
        expect(provider.data.message).toContain("provider must be one of smtp, sendgrid, log")
        const from = await failure(saveSettings({ from_address: "not-an-address" }))
        expect(from.data.message).toContain("from_address must be an email address")
        const to = await failure(api.post("/admin/loyalty/email/test", { to: "nobody" }, admin))
        expect(to.status).toBe(400)
        expect(to.data.message).toContain("to must be an email address")
        const view = (await api.get("/admin/loyalty/email/settings", admin)).data
        expect(view.settings.host).toEqual({ value: null, source: null, is_set: false })
        expect(view.settings.provider).toEqual({ value: "log", source: "default", is_set: true })
      })

      it("the log provider (default) sends nothing and records the mail as sent by log", async () => {
        const { email } = (await api.post("/admin/loyalty/email/test-mail", { to: "owner@rewardflow.test" }, admin)).data
        expect(email.status).toBe("sent")
        expect(email.delivery).toMatchObject({ provider: "log", host: null, port: null })
        const [log] = await logs("?template_key=settings_test")
        expect(log).toMatchObject({ provider: "log", status: "sent" })
      })

      it("SendGrid goes through its SMTP relay with STARTTLS, as user apikey with the API key", async () => {
        // medusa-config.ts points the relay (option email.sendgridSmtpHost) at loopback.
        const relay = await mailServer({ tls: cert, auth: { user: "apikey", pass: "SG.test-key" } })
        const view = await saveSettings({
          provider: "sendgrid",
          sendgrid_api_key: "SG.test-key",
          port: relay.port,
          from_address: "loyalty@rewardflow.test",
          tls_reject_unauthorized: false,
        })
        expect(view.delivery).toMatchObject({ provider: "sendgrid", host: "127.0.0.1", port: relay.port, user: "apikey", security: "STARTTLS" })
        expect(JSON.stringify(view)).not.toContain("SG.test-key")
        const { email } = (await api.post("/admin/loyalty/email/test-mail", { to: "owner@rewardflow.test" }, admin)).data
        expect(email.status).toBe("sent")
        expect(relay.mails).toHaveLength(1)
        expect(relay.mails[0]).toMatchObject({ user: "apikey", secure: true })
        expect(relay.mails[0].text).toContain("Provider: sendgrid (from database)")
        expect(relay.mails[0].text).toContain("User: apikey (sendgrid relay)")
        expect(relay.mails[0].text).toContain("Security: STARTTLS (always for the sendgrid relay)")
      })
    })

    describe("sender with a display name", () => {
      /** The From header as it arrived, unparsed: `From: "Shop, Inc." <a@b.lu>`. */
      const rawFrom = (mail: { headerLines: readonly { key: string; line: string }[] }) => mail.headerLines.find((h) => h.key === "from")?.line

      async function testMail(server: MailServer) {
        const before = server.mails.length
        const { email } = (await api.post("/admin/loyalty/email/test-mail", { to: "owner@rewardflow.test" }, admin)).data
        expect(email.status).toBe("sent")
        expect(server.mails).toHaveLength(before + 1)
        return { email, mail: server.mails[before] }
      }

      it("from_address 'Support <support@shop.lu>' saved in the admin: split into address and name, reported with sources, and sent as From name and address", async () => {
        const server = await mailServer()
        let view = await saveSettings({ provider: "smtp", host: "127.0.0.1", port: server.port, from_address: "  Support   <support@shop.lu> " })
        expect(view.settings.from_address).toEqual({ value: "Support <support@shop.lu>", source: "database", is_set: true })
        expect(view.settings.from_name).toEqual({ value: null, source: null, is_set: false })
        expect(view.sender).toEqual({
          address: "support@shop.lu",
          address_source: "database",
          name: "Support",
          name_from: "from_address",
          name_source: "database",
          unused_display_name: null,
          header: "Support <support@shop.lu>",
        })
        expect(view.delivery).toMatchObject({ from: "support@shop.lu", from_name: "Support" })
        expect((await api.get("/admin/loyalty/email/settings", admin)).data.sender).toEqual(view.sender)

        let { email, mail } = await testMail(server)
        expect(mail.from?.value).toEqual([{ address: "support@shop.lu", name: "Support" }])
        expect(rawFrom(mail)).toBe("From: Support <support@shop.lu>")
        expect(mail.envelope.from).toBe("support@shop.lu")
        expect(mail.text).toContain("From: Support <support@shop.lu> (from database; name: written in from_address)")
        expect(email.delivery).toMatchObject({ from: "support@shop.lu", from_name: "Support" })
        const [log] = await logs("?template_key=settings_test")
        expect(log).toMatchObject({ status: "sent", from_address: "support@shop.lu" })

        // A quoted name with a comma and letters beyond ASCII arrive as written.
        view = await saveSettings({ from_address: '"Épicerie Müller, Lëtzebuerg" <x@y.lu>' })
        expect(view.settings.from_address.value).toBe('"Épicerie Müller, Lëtzebuerg" <x@y.lu>')
        expect(view.sender).toMatchObject({ address: "x@y.lu", name: "Épicerie Müller, Lëtzebuerg", name_from: "from_address" })
        ;({ mail } = await testMail(server))
        expect(mail.from?.value).toEqual([{ address: "x@y.lu", name: "Épicerie Müller, Lëtzebuerg" }])
        // Encoded (RFC 2047, the comma too), so no client can split it into two addresses.
        expect(rawFrom(mail)?.replace(/\r?\n[ \t]+/g, " ")).toMatch(/^From: (=\?UTF-8\?[QB]\?[^?\s,]+\?= ?)+ <x@y\.lu>$/)

        // A bare <address>: no name.
        view = await saveSettings({ from_address: "<loyalty@rewardflow.test>" })
        expect(view.settings.from_address.value).toBe("loyalty@rewardflow.test")
        expect(view.sender).toMatchObject({ address: "loyalty@rewardflow.test", name: null, name_from: null, header: "loyalty@rewardflow.test" })
        ;({ mail } = await testMail(server))
        expect(mail.from?.value).toEqual([{ address: "loyalty@rewardflow.test", name: "" }])
        expect(mail.text).toContain("From: loyalty@rewardflow.test (from database)")
      })

      it("a from_name set wins over the display name, and the report says which name is used and where it came from", async () => {
        const server = await mailServer()
        process.env.REWARDFLOW_EMAIL_FROM_NAME = "Café Lëtzebuerg"
        let view = await saveSettings({ provider: "smtp", host: "127.0.0.1", port: server.port, from_address: "Support <support@shop.lu>" })
        expect(view.settings.from_name).toEqual({ value: "Café Lëtzebuerg", source: "env", is_set: true })
        expect(view.sender).toEqual({
          address: "support@shop.lu",
          address_source: "database",
          name: "Café Lëtzebuerg",
          name_from: "from_name",
          name_source: "env",
          unused_display_name: "Support",
          header: "Café Lëtzebuerg <support@shop.lu>",
        })
        let { mail } = await testMail(server)
        expect(mail.from?.value).toEqual([{ address: "support@shop.lu", name: "Café Lëtzebuerg" }])
        expect(mail.text).toContain(
          'From: Café Lëtzebuerg <support@shop.lu> (address from database; name: from_name, from env; "Support" written in from_address not used)'
        )

        // Saved in the admin, from_name rules too; removed, the display name is used again.
        view = await saveSettings({ from_name: "Shop, Inc." })
        expect(view.sender).toMatchObject({ name: "Shop, Inc.", name_from: "from_name", name_source: "database", header: '"Shop, Inc." <support@shop.lu>' })
        ;({ mail } = await testMail(server))
        expect(mail.from?.value).toEqual([{ address: "support@shop.lu", name: "Shop, Inc." }])
        expect(rawFrom(mail)).toBe('From: "Shop, Inc." <support@shop.lu>')

        delete process.env.REWARDFLOW_EMAIL_FROM_NAME
        view = await saveSettings({ from_name: null })
        expect(view.sender).toMatchObject({ name: "Support", name_from: "from_address", name_source: "database", unused_display_name: null })
        ;({ mail } = await testMail(server))
        expect(mail.from?.value).toEqual([{ address: "support@shop.lu", name: "Support" }])
      })

      it("the display name is used by every mail, not only the test mail", async () => {
        const server = await mailServer()
        await saveSettings({ provider: "smtp", host: "127.0.0.1", port: server.port, from_address: "Rewards Team <rewards@rewardflow.test>" })
        await enroll(await newShopper("Jos"))
        expect(server.mails).toHaveLength(1)
        expect(server.mails[0].from?.value).toEqual([{ address: "rewards@rewardflow.test", name: "Rewards Team" }])
        const [log] = await logs("?template_key=loyalty_enrollment")
        expect(log).toMatchObject({ status: "sent", from_address: "rewards@rewardflow.test" })
      })

      it("what is not one address gets a 400 naming from_address with the problem, and nothing is saved", async () => {
        await saveSettings({ from_address: "Support <support@shop.lu>" })
        const refusals: [string, string][] = [
          ["Support <not-an-address>", 'has "not-an-address" between "<" and ">", which is not an email address'],
          ["a@b.lu, c@d.lu", "holds more than one address: give one sender"],
          ["<>", 'has no address between "<" and ">"'],
          ["Support support@shop.lu", "has a name and an address without angle brackets: write Name <address>, as in Shop <loyalty@shop.lu>"],
        ]
        for (const [from_address, problem] of refusals) {
          const bad = await failure(saveSettings({ from_address, host: "smtp.example.lu" }))
          expect(bad.status).toBe(400)
          expect(bad.data.message).toContain(`from_address must be an email address such as loyalty@shop.lu or Shop <loyalty@shop.lu>; ${JSON.stringify(from_address)} ${problem}`)
        }
        const view = (await api.get("/admin/loyalty/email/settings", admin)).data
        expect(view.settings.from_address).toEqual({ value: "Support <support@shop.lu>", source: "database", is_set: true })
        expect(view.settings.host).toEqual({ value: null, source: null, is_set: false })
        const [row] = await messaging().listLoyaltyEmailSettings()
        expect(row.overrides).toEqual({ from_address: "Support <support@shop.lu>" })
      })
    })

    describe("connection security", () => {
      it("plain SMTP only on loopback: a host reached by another address gets no password in clear, and saying require_tls false is refused", async () => {
        const host = nonLoopbackAddress()
        // A server with login but no STARTTLS, reached by a non-loopback address of this machine.
        const server = await mailServer({ host, auth: { user: "loyalty", pass: "smtp-pass-123" } })
        let view = await saveSettings({ provider: "smtp", host, port: server.port, user: "loyalty", password: "smtp-pass-123", from_address: "loyalty@rewardflow.test" })
        expect(view.delivery).toMatchObject({ host, port: server.port, security: "STARTTLS" })

        const refused = await failure(saveSettings({ require_tls: false }))
        expect(refused.status).toBe(400)
        expect(refused.data.message).toContain(`require_tls can be false only for a loopback SMTP host (localhost, 127.0.0.1, ::1): ${host} would receive the password`)
        view = (await api.get("/admin/loyalty/email/settings", admin)).data
        expect(view.settings.require_tls).toEqual({ value: null, source: null, is_set: false })

        const { email } = (await api.post("/admin/loyalty/email/test-mail", { to: "owner@rewardflow.test" }, admin)).data
        expect(email.status).toBe("failed")
        expect(email.error).toContain(`${host}:${server.port} did not upgrade to TLS with STARTTLS, which is required`)
        expect(server.authAttempts).toEqual([])
        expect(server.mails).toEqual([])

        const { diagnosis } = (await api.post("/admin/loyalty/email/diagnose", { timeout_ms: 2000 }, admin)).data
        const tls = diagnosis.steps.find((s: any) => s.step === "tls")
        expect(tls.status).toBe("failed")
        expect(tls.error).toContain(`${host}:${server.port} does not offer STARTTLS, and plain SMTP is used only for a loopback host`)
        expect(diagnosis.steps.find((s: any) => s.step === "auth")).toMatchObject({ status: "skipped" })
        expect(server.authAttempts).toEqual([])
      })

      it("implicit TLS (a TLS-only server): send and diagnose succeed, and the settings say implicit TLS", async () => {
        const server = await mailServer({ tls: cert, implicitTls: true, auth: { user: "loyalty", pass: "smtp-pass-123" } })
        const view = await saveSettings({
          provider: "smtp",
          host: "127.0.0.1",
          port: server.port,
          secure: true,
          user: "loyalty",
          password: "smtp-pass-123",
          from_address: "loyalty@rewardflow.test",
          tls_reject_unauthorized: false,
        })
        expect(view.delivery).toMatchObject({ port: server.port, security: "implicit TLS" })
        expect(view.settings.secure).toEqual({ value: true, source: "database", is_set: true })

        const { email } = (await api.post("/admin/loyalty/email/test-mail", { to: "owner@rewardflow.test" }, admin)).data
        expect(email).toMatchObject({ status: "sent", delivery: { security: "implicit TLS" } })
        expect(server.mails).toHaveLength(1)
        expect(server.mails[0]).toMatchObject({ secure: true, user: "loyalty" })
        expect(server.mails[0].text).toContain("Security: implicit TLS (secure from database)")

        const { diagnosis } = (await api.post("/admin/loyalty/email/diagnose", { timeout_ms: 2000 }, admin)).data
        const step = (name: string) => diagnosis.steps.find((s: any) => s.step === name)
        expect(step("tls").status).toBe("ok")
        expect(step("tls").detail).toMatch(/^implicit TLS: TLSv1\.[23]/)
        expect(step("auth")).toMatchObject({ status: "ok", detail: "authenticated as loyalty" })
      })
    })

    describe("secrets and the test mail", () => {
      it("a password saved in the admin beats a wrong one in env; one that cannot be decrypted falls back to env and is shown", async () => {
        const server = await mailServer({ tls: cert, auth: { user: "loyalty", pass: "right-pass" } })
        Object.assign(process.env, { REWARDFLOW_SMTP_USER: "loyalty", REWARDFLOW_SMTP_PASSWORD: "wrong-pass" })
        await saveSettings({
          provider: "smtp",
          host: "127.0.0.1",
          port: server.port,
          require_tls: true,
          password: "right-pass",
          from_address: "loyalty@rewardflow.test",
          tls_reject_unauthorized: false,
        })
        const testMail = async () => (await api.post("/admin/loyalty/email/test-mail", { to: "owner@rewardflow.test" }, admin)).data.email
        expect(await testMail()).toMatchObject({ status: "sent" })
        expect(server.mails.map((m) => m.user)).toEqual(["loyalty"])

        // The encryption key changed since the password was saved: sealed with another key.
        const otherKey = SecretBox.fromConfig("ab".repeat(32))!
        const sealed = otherKey.seal("right-pass", "loyalty_messaging.password")
        await sql().raw("UPDATE loyalty_email_settings SET overrides = jsonb_set(overrides, '{password}', to_jsonb(?::text))", [sealed])

        const { data, status } = await api.get("/admin/loyalty/email/settings", admin)
        expect(status).toBe(200)
        expect(data.settings.password).toEqual({
          value: null,
          source: "database",
          secret: true,
          is_set: true,
          problem: "password cannot be decrypted with the current REWARDFLOW_ENCRYPTION_KEY (or option encryptionKey); save it again",
          fallback_source: "env",
        })
        expect(data.settings.port).toMatchObject({ value: server.port, source: "database" })
        expect(JSON.stringify(data)).not.toMatch(/right-pass|wrong-pass/)

        // Mail still goes, with the env password (wrong here, so the server refuses it).
        const fallback = await testMail()
        expect(fallback.status).toBe("failed")
        expect(fallback.error).toContain("Invalid username or password")
        process.env.REWARDFLOW_SMTP_PASSWORD = "right-pass"
        expect(await testMail()).toMatchObject({ status: "sent" })
        expect(server.mails).toHaveLength(2)

        // Saving it again clears the problem.
        const saved = await saveSettings({ password: "right-pass" })
        expect(saved.settings.password).toEqual({ value: null, source: "database", secret: true, is_set: true })
      })

      it("the settings test mail is sent once: a failure is answered at once and never retried with other settings", async () => {
        const closed = await freePort()
        await saveSettings({ provider: "smtp", host: "127.0.0.1", port: closed, from_address: "loyalty@rewardflow.test" })
        const { email } = (await api.post("/admin/loyalty/email/test-mail", { to: "owner@rewardflow.test" }, admin)).data
        expect(email.status).toBe("failed")
        expect(email.error).toContain("ECONNREFUSED")

        // The server comes up and the settings change: the job does not send the old body.
        const server = await mailServer()
        await saveSettings({ port: server.port })
        await sql().raw("UPDATE loyalty_email_log SET next_attempt_at = now() - interval '1 hour'")
        // One left queued by a crash of its request is given up, not sent.
        const { log: orphan } = await messaging().queueEmail({
          idempotency_key: "settings_test:crashed",
          template_key: "settings_test",
          locale: "en",
          recipient: "owner@rewardflow.test",
          subject: "RewardFlow test mail via smtp",
          html_body: "<p>old settings</p>",
          text_body: "old settings",
          context: { one_shot: true },
        })
        await sql().raw("UPDATE loyalty_email_log SET created_at = now() - interval '10 minutes' WHERE id = ?", [orphan.id])
        await retryLoyaltyEmails(container())
        expect(server.mails).toEqual([])
        const rows = await logs("?template_key=settings_test")
        // Newest first: the request's mail, then the orphan (created 10 minutes ago).
        expect(rows.map((r: any) => [r.status, r.attempts])).toEqual([
          ["failed", 1],
          ["failed", 0],
        ])
        expect(rows[0].error).toContain("ECONNREFUSED")
        expect(rows[1].error).toContain("never retried")
      })
    })

    describe("diagnose", () => {
      it("reports an open port ok with the STARTTLS handshake and login, and a closed port failed", async () => {
        const server = await mailServer({ tls: cert, auth: { user: "loyalty", pass: "smtp-pass-123" } })
        // On loopback STARTTLS is used when required (otherwise plain, for development).
        await saveSettings({ provider: "smtp", host: "127.0.0.1", port: server.port, require_tls: true, user: "loyalty", password: "smtp-pass-123", tls_reject_unauthorized: false })
        let { diagnosis } = (await api.post("/admin/loyalty/email/diagnose", { timeout_ms: 2000 }, admin)).data
        const step = (name: string, target?: string) => diagnosis.steps.find((s: any) => s.step === name && (!target || s.target === target))
        expect(step("dns")).toMatchObject({ status: "ok", target: "127.0.0.1" })
        expect(step("tcp", `127.0.0.1:${server.port}`)).toMatchObject({ status: "ok" })
        expect(diagnosis.steps.filter((s: any) => s.step === "tcp").map((s: any) => s.target)).toEqual([
          `127.0.0.1:${server.port}`,
          "127.0.0.1:465",
          "127.0.0.1:587",
        ])
        expect(step("tls").status).toBe("ok")
        expect(step("tls").detail).toMatch(/^STARTTLS: TLSv1\.[23]/)
        expect(step("auth")).toMatchObject({ status: "ok", detail: "authenticated as loyalty" })
        for (const s of diagnosis.steps) expect(typeof s.ms).toBe("number")
        expect(JSON.stringify(diagnosis)).not.toContain("smtp-pass-123")

        // Certificate checks on (the default): the self-signed certificate is refused.
        await saveSettings({ tls_reject_unauthorized: null, password: "wrong-pass" })
        ;({ diagnosis } = (await api.post("/admin/loyalty/email/diagnose", {}, admin)).data)
        expect(step("tls").status).toBe("failed")
        expect(step("tls").error).toMatch(/self[- ]signed/i)
        // The password is not sent over a connection that could not be secured.
        expect(step("auth")).toMatchObject({ status: "skipped", detail: "the connection could not be secured (see tls): the password was not sent" })

        const closed = await freePort()
        await saveSettings({ port: closed })
        ;({ diagnosis } = (await api.post("/admin/loyalty/email/diagnose", {}, admin)).data)
        expect(step("tcp", `127.0.0.1:${closed}`)).toMatchObject({ status: "failed" })
        expect(step("tcp", `127.0.0.1:${closed}`).error).toContain("ECONNREFUSED")
        expect(step("tls")).toMatchObject({ status: "skipped" })
      })
    })
  },
})
