import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminHeaders, startMailServer } from "../fixtures"

jest.setTimeout(120_000)

// Set before the app boots (the runner applies `env` first): the messaging module validates
// env REWARDFLOW_SMTP_FROM when it is constructed, and used to stop the boot on this form.
const BOOT_ENV = { REWARDFLOW_SMTP_FROM: "Support <support@shop.lu>" }

medusaIntegrationTestRunner({
  env: BOOT_ENV,
  testSuite: ({ api, getContainer }) => {
    afterEach(() => {
      for (const name of ["REWARDFLOW_EMAIL_PROVIDER", "REWARDFLOW_SMTP_HOST", "REWARDFLOW_SMTP_PORT", "REWARDFLOW_EMAIL_FROM_NAME"]) {
        delete process.env[name]
      }
    })

    it('boots with env REWARDFLOW_SMTP_FROM="Support <support@shop.lu>" and sends From: Support <support@shop.lu>', async () => {
      expect(process.env.REWARDFLOW_SMTP_FROM).toBe(BOOT_ENV.REWARDFLOW_SMTP_FROM)
      const admin = await adminHeaders(getContainer())
      const server = await startMailServer()
      try {
        Object.assign(process.env, { REWARDFLOW_EMAIL_PROVIDER: "smtp", REWARDFLOW_SMTP_HOST: "127.0.0.1", REWARDFLOW_SMTP_PORT: String(server.port) })
        const view = (await api.get("/admin/loyalty/email/settings", admin)).data
        expect(view.settings.from_address).toEqual({ value: "Support <support@shop.lu>", source: "env", is_set: true })
        expect(view.sender).toEqual({
          address: "support@shop.lu",
          address_source: "env",
          name: "Support",
          name_from: "from_address",
          name_source: "env",
          unused_display_name: null,
          header: "Support <support@shop.lu>",
        })

        const { email } = (await api.post("/admin/loyalty/email/test-mail", { to: "owner@rewardflow.test" }, admin)).data
        expect(email.status).toBe("sent")
        expect(server.mails).toHaveLength(1)
        expect(server.mails[0].from?.value).toEqual([{ address: "support@shop.lu", name: "Support" }])
        expect(server.mails[0].envelope.from).toBe("support@shop.lu")
        expect(server.mails[0].text).toContain("From: Support <support@shop.lu> (from env; name: written in from_address)")

        // env REWARDFLOW_EMAIL_FROM_NAME wins over the display name.
        process.env.REWARDFLOW_EMAIL_FROM_NAME = "Épicerie Müller"
        const named = (await api.get("/admin/loyalty/email/settings", admin)).data
        expect(named.sender).toMatchObject({ name: "Épicerie Müller", name_from: "from_name", name_source: "env", unused_display_name: "Support" })
        await api.post("/admin/loyalty/email/test-mail", { to: "owner@rewardflow.test" }, admin)
        expect(server.mails[1].from?.value).toEqual([{ address: "support@shop.lu", name: "Épicerie Müller" }])
      } finally {
        await server.stop()
      }
    })
  },
})
