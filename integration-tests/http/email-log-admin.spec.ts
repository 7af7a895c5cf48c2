import { join } from "node:path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { MigrationScriptsMigrator } from "@medusajs/framework/migrations"
import retryLoyaltyEmails from "../../src/jobs/retry-loyalty-emails"
import { adminHeaders, freePort, startMailServer, type MailServer } from "../fixtures"

jest.setTimeout(120_000)

/**
 * The email log as Settings > Loyalty emails shows it (GET /admin/loyalty/email/logs) and its
 * "send again" (POST /admin/loyalty/email/logs/:id/resend), against real SMTP servers on loopback.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let admin: { headers: Record<string, string> }
    let adminUserId: string
    const servers: MailServer[] = []

    beforeAll(async () => {
      const container = getContainer()
      admin = await adminHeaders(container)
      const [user] = await container.resolve(Modules.USER).listUsers({ email: "admin@rewardflow.test" })
      adminUserId = user.id
      const migrator = new MigrationScriptsMigrator({ container })
      await migrator.ensureMigrationsTable()
      await migrator.run([join(__dirname, "../../src/migration-scripts")])
    })

    afterAll(async () => {
      await Promise.all(servers.splice(0).map((s) => s.stop()))
    })

    const sql = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)

    async function mailServer(opts: Parameters<typeof startMailServer>[0] = {}) {
      const server = await startMailServer(opts)
      servers.push(server)
      return server
    }

    async function deliverTo(port: number) {
      await api.post("/admin/loyalty/email/settings", { provider: "smtp", host: "127.0.0.1", port, from_address: "loyalty@rewardflow.test" }, admin)
    }

    async function logs(qs = "") {
      return (await api.get(`/admin/loyalty/email/logs${qs}`, admin)).data
    }

    /** Status and body of a request, whether it succeeded or not. */
    async function answer(p: Promise<{ status: number; data: any }>): Promise<{ status: number; data: any }> {
      try {
        const { status, data } = await p
        return { status, data }
      } catch (e: any) {
        if (!e.response) throw e
        return { status: e.response.status, data: e.response.data }
      }
    }

    const resend = (id: string, body: Record<string, unknown> = {}) => answer(api.post(`/admin/loyalty/email/logs/${id}/resend`, body, admin))

    /** A template test mail to a closed port, retried by the job until its attempts are used up (8). */
    async function failedTemplateMail(to: string) {
      await deliverTo(await freePort())
      const { email } = (await api.post("/admin/loyalty/email/send-test", { key: "loyalty_points_earned", locale: "fr", to }, admin)).data
      expect(email.status).toBe("retrying")
      for (let attempt = 2; attempt <= 8; attempt++) {
        await sql().raw("UPDATE loyalty_email_log SET next_attempt_at = now() - interval '1 second' WHERE id = ?", [email.log_id ?? email.id])
        await retryLoyaltyEmails(getContainer())
      }
      const { emails } = await logs(`?recipient=${encodeURIComponent(to)}`)
      expect(emails).toHaveLength(1)
      return emails[0]
    }

    it("lists each mail with its attempts and their errors, the provider and from address used; filters by status; paginates", async () => {
      const closed = await freePort()
      await deliverTo(closed)
      const { email } = (await api.post("/admin/loyalty/email/send-test", { key: "loyalty_enrollment", locale: "de", to: "retry@rewardflow.test" }, admin)).data
      expect(email.status).toBe("retrying")

      const retrying = (await logs("?status=retrying")).emails
      expect(retrying).toHaveLength(1)
      const row = retrying[0]
      expect(row).toMatchObject({
        recipient: "retry@rewardflow.test",
        template_key: "loyalty_enrollment",
        locale: "de",
        status: "retrying",
        attempts: 1,
        provider: "smtp",
        from_address: "loyalty@rewardflow.test",
      })
      expect(row.error).toContain("ECONNREFUSED")
      expect(row.attempt_history).toEqual([
        expect.objectContaining({ status: "retrying", provider: "smtp", from_address: "loyalty@rewardflow.test", error: expect.stringContaining("ECONNREFUSED") }),
      ])
      expect(row).not.toHaveProperty("html_body")
      expect((await logs("?status=failed")).emails).toEqual([])

      // Two more mails, sent: newest first, two per page.
      const server = await mailServer()
      await deliverTo(server.port)
      for (const to of ["a@rewardflow.test", "b@rewardflow.test"]) {
        const sent = (await api.post("/admin/loyalty/email/send-test", { key: "loyalty_enrollment", locale: "en", to }, admin)).data.email
        expect(sent.status).toBe("sent")
      }
      const page1 = await logs("?limit=2&offset=0")
      expect(page1).toMatchObject({ count: 3, limit: 2, offset: 0 })
      expect(page1.emails.map((e: any) => e.recipient)).toEqual(["b@rewardflow.test", "a@rewardflow.test"])
      expect(page1.emails[0]).toMatchObject({ status: "sent", provider: "smtp", from_address: "loyalty@rewardflow.test", attempts: 1 })
      const page2 = await logs("?limit=2&offset=2")
      expect(page2.emails.map((e: any) => e.recipient)).toEqual(["retry@rewardflow.test"])
      expect((await logs("?status=sent")).count).toBe(2)

      const bad = await answer(api.get("/admin/loyalty/email/logs?status=lost", admin))
      expect(bad.status).toBe(400)
      expect(bad.data.message).toContain("status")
    })

    it("send again: a failed mail gets one more attempt on its own row, sent once with its Message-ID; again is refused with 409", async () => {
      const failed = await failedTemplateMail("failed@rewardflow.test")
      expect(failed).toMatchObject({ status: "failed", attempts: 8 })
      expect(failed.attempt_history).toHaveLength(8)
      expect(failed.attempt_history.at(-1)).toMatchObject({ status: "failed", error: expect.stringContaining("ECONNREFUSED") })

      // A mail that is not failed cannot be sent again.
      const live = await mailServer()
      await deliverTo(live.port)
      const sent = (await api.post("/admin/loyalty/email/send-test", { key: "loyalty_enrollment", locale: "en", to: "sent@rewardflow.test" }, admin)).data.email
      const sentRow = (await logs("?status=sent")).emails.find((e: any) => e.id === sent.log_id)
      const notFailed = await resend(sentRow.id)
      expect(notFailed.status).toBe(409)
      expect(notFailed.data).toMatchObject({ type: "not_allowed", reason: "not_failed", status: "sent" })
      expect(notFailed.data.message).toBe(`Email ${sentRow.id} is sent, not failed: only a failed mail can be sent again`)

      const server = await mailServer()
      await deliverTo(server.port)
      const res = await resend(failed.id)
      expect(res.status).toBe(200)
      expect(res.data.email).toMatchObject({ id: failed.id, status: "sent", attempts: 9, error: null, provider: "smtp", from_address: "loyalty@rewardflow.test" })
      expect(res.data.email.attempt_history).toHaveLength(9)
      expect(res.data.email.attempt_history.at(-1)).toMatchObject({ status: "sent", error: null })
      expect(res.data.email.context.resends).toEqual([{ at: expect.any(String), by: adminUserId, attempt: 9 }])
      expect(server.mails).toHaveLength(1)
      expect(server.mails[0].messageId).toBe(failed.message_id)
      expect(server.mails[0].subject).toBe(failed.subject)
      expect(server.mails[0].envelope.to).toEqual(["failed@rewardflow.test"])

      // Asked again (a second click, or another admin): refused, nothing more is sent, one row.
      const again = await resend(failed.id)
      expect(again.status).toBe(409)
      expect(again.data).toMatchObject({ reason: "not_failed", status: "sent" })
      await retryLoyaltyEmails(getContainer())
      expect(server.mails).toHaveLength(1)
      expect((await logs("?recipient=failed%40rewardflow.test")).emails).toHaveLength(1)
      expect(live.mails.map((m) => m.envelope.to)).toEqual([["sent@rewardflow.test"]])
    })

    it("two requests at once send a failed mail once: the one that comes while it is being sent gets 409 sending", async () => {
      const failed = await failedTemplateMail("twice@rewardflow.test")
      let release!: () => void
      const held = new Promise<void>((r) => (release = r))
      let arrived!: () => void
      const first = new Promise<void>((r) => (arrived = r))
      const server = await mailServer({
        beforeAccept: async () => {
          arrived()
          await held
        },
      })
      await deliverTo(server.port)

      const one = resend(failed.id)
      await first // the first request holds the mail: the server has it, not yet answered
      const two = await resend(failed.id)
      expect(two.status).toBe(409)
      expect(two.data).toMatchObject({ reason: "not_failed", status: "sending" })
      release()
      expect((await one).data.email).toMatchObject({ status: "sent", attempts: 9 })
      expect(server.mails).toHaveLength(1)
    })

    it("a failed settings test mail is sent again with the settings of now, and its body says so; it stays one-shot", async () => {
      const closed = await freePort()
      await deliverTo(closed)
      const { email } = (await api.post("/admin/loyalty/email/test-mail", { to: "owner@rewardflow.test" }, admin)).data
      expect(email.status).toBe("failed")

      const server = await mailServer()
      await deliverTo(server.port)
      const res = await resend(email.log_id)
      expect(res.status).toBe(200)
      expect(res.data.email).toMatchObject({ status: "sent", attempts: 2, template_key: "settings_test" })
      expect(res.data.email.context).toMatchObject({ one_shot: true, delivery: expect.objectContaining({ port: server.port }) })
      expect(server.mails).toHaveLength(1)
      expect(server.mails[0].text).toContain(`Port: ${server.port} (from database)`)
      expect(server.mails[0].text).not.toContain(String(closed))
      expect(res.data.email.attempt_history.map((a: any) => a.status)).toEqual(["failed", "sent"])

      // Failing again it is failed again (one-shot: never left to the retry job).
      const again = (await api.post("/admin/loyalty/email/test-mail", { to: "owner2@rewardflow.test" }, admin)).data.email
      expect(again.status).toBe("sent")
      await server.stop()
      const failedAgain = await (async () => {
        await deliverTo(await freePort())
        const m = (await api.post("/admin/loyalty/email/test-mail", { to: "owner3@rewardflow.test" }, admin)).data.email
        return (await resend(m.log_id)).data.email
      })()
      expect(failedAgain).toMatchObject({ status: "failed", attempts: 2, next_attempt_at: null })
      expect(failedAgain.error).toContain("ECONNREFUSED")
    })

    it("refuses an unknown mail (404), a body with fields (400 naming the field) and a request without a session (401)", async () => {
      const unknown = await resend("lmlog_nope")
      expect(unknown.status).toBe(404)
      await deliverTo(await freePort())
      const failedMail = (await api.post("/admin/loyalty/email/test-mail", { to: "owner@rewardflow.test" }, admin)).data.email
      const failedRow = (await logs("?status=failed")).emails.find((e: any) => e.id === failedMail.log_id)
      const withBody = await resend(failedRow.id, { force: true })
      expect(withBody.status).toBe(400)
      expect(withBody.data.message).toContain("force")
      const anonymous = await answer(api.post(`/admin/loyalty/email/logs/${failedRow.id}/resend`, {}))
      expect(anonymous.status).toBe(401)
      expect((await logs(`?status=failed`)).emails.find((e: any) => e.id === failedRow.id)).toMatchObject({ status: "failed" })
    })
  },
})
