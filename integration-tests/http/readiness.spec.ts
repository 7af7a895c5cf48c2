import { generateKeyPairSync, randomBytes, type KeyObject } from "node:crypto"
import { join } from "node:path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { MigrationScriptsMigrator } from "@medusajs/framework/migrations"
import type { MedusaContainer } from "@medusajs/framework/types"
import { LOYALTY_MODULE } from "../../src/modules/loyalty"
import type LoyaltyModuleService from "../../src/modules/loyalty/service"
import { LOYALTY_MESSAGING_MODULE } from "../../src/modules/loyalty-messaging"
import type LoyaltyMessagingModuleService from "../../src/modules/loyalty-messaging/service"
import { ADMIN_TRANSLATIONS } from "../../src/lib/readiness/admin-translations"
import { recordedJob } from "../../src/lib/job-runs"
import birthdayBonuses from "../../src/jobs/birthday-bonuses"
import evaluateTiers from "../../src/jobs/evaluate-tiers"
import expirePoints, { config as expirePointsConfig } from "../../src/jobs/expire-points"
import maturePendingPoints from "../../src/jobs/mature-pending-points"
import notifyExpiringPoints from "../../src/jobs/notify-expiring-points"
import pruneOfflineBundles from "../../src/jobs/prune-offline-bundles"
import readinessHeartbeat from "../../src/jobs/readiness-heartbeat"
import referralBonuses from "../../src/jobs/referral-bonuses"
import releaseAbandonedRedemptions from "../../src/jobs/release-abandoned-redemptions"
import retryEmails from "../../src/jobs/retry-loyalty-emails"
import retryOrderLoyalty from "../../src/jobs/retry-order-loyalty"
import retryWalletPasses from "../../src/jobs/retry-wallet-passes"
import {
  adminHeaders,
  enrolledShopper,
  ensureAdminUser,
  failure,
  freePort,
  placeOrder,
  seedStore,
  startMailServer,
  subscribersDone,
  type MailServer,
  type StoreFixture,
} from "../fixtures"
import { FakeGoogleWallet } from "../fixtures/google-wallet-server"

jest.setTimeout(240_000)

const ISSUER = "3388000000012345678"
const CLIENT_EMAIL = "rewardflow-wallet@rewardflow-test.iam.gserviceaccount.com"
const LINE_IDS = [
  "email_templates",
  "email_delivery",
  "google_wallet",
  "database",
  "translations",
  "template_editors",
  "journeys",
  "program",
  "test_data",
  "background_work",
]
const WALLET_ENV = [
  "REWARDFLOW_GOOGLE_WALLET_ISSUER_ID",
  "REWARDFLOW_GOOGLE_WALLET_SERVICE_ACCOUNT_JSON",
  "REWARDFLOW_GOOGLE_WALLET_ORIGINS",
  "REWARDFLOW_GOOGLE_WALLET_DEFAULT_LOGO_URL",
  "REWARDFLOW_GOOGLE_WALLET_API_BASE_URL",
  "REWARDFLOW_GOOGLE_WALLET_TOKEN_URL",
  "REWARDFLOW_GOOGLE_WALLET_ENVIRONMENT",
]

/** A service account key file as Google Cloud console downloads it. */
function serviceAccountJson(privateKey: KeyObject) {
  return JSON.stringify({
    type: "service_account",
    project_id: "rewardflow-test",
    private_key_id: randomBytes(20).toString("hex"),
    private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    client_email: CLIENT_EMAIL,
    client_id: "100000000000000000001",
    token_uri: "https://oauth2.googleapis.com/token",
  })
}

/** Every scheduled job of the plugin, run once now as a worker would. */
async function runEveryJob(container: MedusaContainer) {
  const jobs: ((c: MedusaContainer) => Promise<unknown>)[] = [
    birthdayBonuses,
    evaluateTiers,
    expirePoints,
    maturePendingPoints,
    notifyExpiringPoints,
    pruneOfflineBundles,
    referralBonuses,
    releaseAbandonedRedemptions,
    retryEmails,
    retryOrderLoyalty,
    retryWalletPasses,
  ]
  for (const job of jobs) await job(container)
  const received = subscribersDone("loyalty.heartbeat", container.resolve(Modules.EVENT_BUS))
  await readinessHeartbeat(container)
  await received
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: StoreFixture
    let admin: { headers: Record<string, string> }
    let adminUserId: string
    let fake: FakeGoogleWallet
    let mail: MailServer
    const keys = generateKeyPairSync("rsa", { modulusLength: 2048 })

    const container = () => getContainer()
    const pg = () => container().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const loyalty = () => container().resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    const messaging = () => container().resolve<LoyaltyMessagingModuleService>(LOYALTY_MESSAGING_MODULE)

    const board = async () => {
      const res = await api.get("/admin/loyalty/readiness", admin)
      expect(res.status).toBe(200)
      return res.data
    }
    const line = async (id: string) => (await board()).lines.find((l: any) => l.id === id)
    const evidence = (l: any, label: string) => l.evidence.find((e: any) => e.label === label)?.value

    const pointSmtpAt = async (port: number) =>
      api.post("/admin/loyalty/email/settings", { provider: "smtp", host: "127.0.0.1", port, from_address: "loyalty@rewardflow.test" }, admin)

    beforeAll(async () => {
      store = await seedStore(container())
      admin = await adminHeaders(container())
      const [user] = await container().resolve(Modules.USER).listUsers({ email: "admin@rewardflow.test" })
      adminUserId = user.id
      // The templates are seeded the way `medusa db:migrate` does it.
      const migrator = new MigrationScriptsMigrator({ container: container() })
      await migrator.ensureMigrationsTable()
      await migrator.run([join(__dirname, "../../src/migration-scripts")])

      fake = await FakeGoogleWallet.start()
      fake.registerServiceAccount(CLIENT_EMAIL, keys.publicKey, [ISSUER])
      Object.assign(process.env, {
        REWARDFLOW_GOOGLE_WALLET_ISSUER_ID: ISSUER,
        REWARDFLOW_GOOGLE_WALLET_SERVICE_ACCOUNT_JSON: serviceAccountJson(keys.privateKey),
        REWARDFLOW_GOOGLE_WALLET_ORIGINS: "https://shop.rewardflow.test",
        REWARDFLOW_GOOGLE_WALLET_DEFAULT_LOGO_URL: `${fake.url}/logo.png`,
        REWARDFLOW_GOOGLE_WALLET_API_BASE_URL: fake.apiBaseUrl,
        REWARDFLOW_GOOGLE_WALLET_TOKEN_URL: fake.tokenUrl,
      })
      mail = await startMailServer()
      await pointSmtpAt(mail.port)
    })

    afterAll(async () => {
      for (const k of WALLET_ENV) delete process.env[k]
      await fake?.stop()
      await mail?.stop()
    })

    it("answers the ten lines in order, each with a status, a summary, evidence and an admin path", async () => {
      const b = await board()
      expect(b.lines.map((l: any) => l.id)).toEqual(LINE_IDS)
      expect(["ready", "ready_with_risks", "not_ready"]).toContain(b.status)
      expect(Date.parse(b.checked_at)).not.toBeNaN()
      expect(b.went_live_at).toBeNull()
      for (const l of b.lines) {
        expect(["ready", "ready_with_risks", "not_ready"]).toContain(l.status)
        expect(l.summary).toEqual(expect.any(String))
        expect(l.evidence.length).toBeGreaterThan(0)
        expect(l.fix_path).toMatch(/^\/(settings|loyalty)\//)
      }
      // The board's status is its worst line's.
      const statuses = b.lines.map((l: any) => l.status)
      expect(b.status).toBe(statuses.includes("not_ready") ? "not_ready" : statuses.includes("ready_with_risks") ? "ready_with_risks" : "ready")
      const anonymous = await failure(api.get("/admin/loyalty/readiness"))
      expect(anonymous.status).toBe(401)
    })

    it("email templates: all 32 present and active is ready; an inactive or dropped one is not ready, named", async () => {
      expect(await line("email_templates")).toMatchObject({ status: "ready", fix_path: "/settings/loyalty-emails" })
      const [row] = await messaging().listLoyaltyEmailTemplates({ key: "loyalty_enrollment", locale: "fr" })
      await messaging().updateLoyaltyEmailTemplates({ id: row.id, is_active: false })
      let l = await line("email_templates")
      expect(l.status).toBe("not_ready")
      expect(evidence(l, "Inactive templates")).toBe("loyalty_enrollment (fr)")
      await messaging().updateLoyaltyEmailTemplates({ id: row.id, is_active: true })

      await pg()("loyalty_email_template").where({ id: row.id }).del()
      l = await line("email_templates")
      expect(l.status).toBe("not_ready")
      expect(l.summary).toContain("31 of 32")
      expect(evidence(l, "Missing templates")).toBe("loyalty_enrollment (fr)")
      const { id: _id, created_at: _c, updated_at: _u, deleted_at: _d, ...fields } = row as any
      await messaging().createLoyaltyEmailTemplates(fields)
      expect((await line("email_templates")).status).toBe("ready")
    })

    it("email delivery: a closed SMTP port is not ready; a server that answers is a risk until a test mail went out, then ready", async () => {
      const closed = await freePort()
      await pointSmtpAt(closed)
      let l = await line("email_delivery")
      expect(l.status).toBe("not_ready")
      expect(l.summary).toContain(`tcp 127.0.0.1:${closed}`)
      expect(evidence(l, "Email setting port")).toBe(closed)
      expect(l.evidence.find((e: any) => e.label === "Email setting port").source).toBe("database")

      await pointSmtpAt(mail.port)
      l = await line("email_delivery")
      expect(l.status).toBe("ready_with_risks")
      expect(l.summary).toContain("no settings test mail")

      const sent = await api.post("/admin/loyalty/email/test-mail", { to: "owner@rewardflow.test" }, admin)
      expect(sent.data.email.status).toBe("sent")
      l = await line("email_delivery")
      expect(l.status).toBe("ready")
      expect(evidence(l, "Settings test mail sent successfully in the last 7 days")).toContain("owner@rewardflow.test")
      // Secrets are said set or not, never shown.
      expect(evidence(l, "Email setting password")).toMatch(/^(set|not set)$/)
    })

    it("Google Wallet: demo and no device check are risks; production with a recorded check is ready; no key is not ready", async () => {
      let l = await line("google_wallet")
      expect(l.status).toBe("ready_with_risks")
      expect(evidence(l, "Issuer environment")).toBe("demo")
      expect(l.summary).toContain("demo")
      expect(l.summary).toContain("real-device check")

      const res = await api.post("/admin/loyalty/readiness/wallet-device-check", { note: "Pixel 8: 120 points after order" }, admin)
      expect(res.status).toBe(201)
      expect(res.data.record).toMatchObject({ kind: "wallet_device_check", passed: true, actor_user_id: adminUserId, note: "Pixel 8: 120 points after order" })
      process.env.REWARDFLOW_GOOGLE_WALLET_ENVIRONMENT = "production"
      l = await line("google_wallet")
      expect(l.status).toBe("ready")
      expect(evidence(l, "Real-device check (a saved pass showed the right balance after a purchase)")).toContain(adminUserId)

      const key = process.env.REWARDFLOW_GOOGLE_WALLET_SERVICE_ACCOUNT_JSON
      delete process.env.REWARDFLOW_GOOGLE_WALLET_SERVICE_ACCOUNT_JSON
      l = await line("google_wallet")
      expect(l.status).toBe("not_ready")
      expect(l.summary).toContain("service_account")
      process.env.REWARDFLOW_GOOGLE_WALLET_SERVICE_ACCOUNT_JSON = key
      expect((await line("google_wallet")).status).toBe("ready")

      const bad = await failure(api.post("/admin/loyalty/readiness/wallet-device-check", { note: 5 }, admin))
      expect(bad.status).toBe(400)
      expect(bad.data.field).toBe("note")
    })

    it("database: a plugin migration rolled back from Medusa's bookkeeping, or an unsynced link, is not ready, named", async () => {
      let l = await line("database")
      expect(l.status).toBe("ready")
      expect(evidence(l, "Module links synced")).toContain("loyalty.loyalty_program <> sales_channel.sales_channel")

      const [migration] = (await pg().raw(`select * from mikro_orm_migrations where name like 'Migration20261204181519%'`)).rows
      expect(migration).toBeDefined()
      await pg().raw(`delete from mikro_orm_migrations where id = ?`, [migration.id])
      try {
        l = await line("database")
        expect(l.status).toBe("not_ready")
        expect(l.summary).toContain("loyalty Migration20261204181519")
      } finally {
        await pg().raw(`insert into mikro_orm_migrations (id, name, executed_at) values (?, ?, ?)`, [migration.id, migration.name, migration.executed_at])
      }
      expect((await line("database")).status).toBe("ready")

      const [link] = (await pg().raw(`select * from link_module_migrations where link_descriptor->>'fromModule' = 'loyalty'`)).rows
      await pg().raw(`delete from link_module_migrations where id = ?`, [link.id])
      try {
        l = await line("database")
        expect(l.status).toBe("not_ready")
        expect(l.summary).toContain("loyalty.loyalty_program <> sales_channel.sales_channel (no link table recorded)")
      } finally {
        await pg().raw(`insert into link_module_migrations (id, table_name, link_descriptor, created_at) values (?, ?, ?, ?)`, [
          link.id,
          link.table_name,
          JSON.stringify(link.link_descriptor),
          link.created_at,
        ])
      }
      expect((await line("database")).status).toBe("ready")
    })

    it("translations: every admin key in en, fr, de and lb is ready; a key deleted from one locale is not ready, named", async () => {
      expect((await line("translations")).status).toBe("ready")
      const fr = ADMIN_TRANSLATIONS.fr as { common: Record<string, string> }
      const saved = fr.common.save
      delete (fr.common as Record<string, string | undefined>).save
      try {
        const l = await line("translations")
        expect(l.status).toBe("not_ready")
        expect(l.summary).toBe("Admin texts are missing: 1 in fr")
        expect(evidence(l, "Keys missing or empty in fr")).toBe("common.save")
      } finally {
        fr.common.save = saved
      }
      expect((await line("translations")).status).toBe("ready")
    })

    it("template editors: a listed editor email that is no user is a risk; ready once that user exists", async () => {
      // medusa-config.ts lists editor@rewardflow.test and the role marketing (RBAC is off here).
      let l = await line("template_editors")
      expect(l.status).toBe("ready_with_risks")
      expect(evidence(l, "Listed emails that are no user")).toBe("editor@rewardflow.test")
      await ensureAdminUser(container(), { email: "editor@rewardflow.test", password: "editor-password-1" })
      l = await line("template_editors")
      expect(l.status).toBe("ready")
      expect(evidence(l, "Staff roles allowed to edit templates")).toBe("marketing")
    })

    it("journeys: never run is a risk, a failed run is not ready naming the journey, a passed run is ready", async () => {
      expect((await line("journeys")).status).toBe("ready_with_risks")
      const failedRun = await api.post(
        "/admin/loyalty/readiness/journeys",
        { passed: true, journeys: [{ name: "enroll", passed: true }, { name: "redeem-online", passed: false, error: "cart did not complete" }] },
        admin
      )
      expect(failedRun.status).toBe(201)
      // A run whose journeys failed did not pass, whatever it said.
      expect(failedRun.data.record).toMatchObject({ kind: "journeys", passed: false, actor_user_id: adminUserId })
      let l = await line("journeys")
      expect(l.status).toBe("not_ready")
      expect(l.summary).toContain("redeem-online (cart did not complete)")

      await api.post("/admin/loyalty/readiness/journeys", { passed: true, journeys: [{ name: "enroll", passed: true }, { name: "redeem-online", passed: true }] }, admin)
      l = await line("journeys")
      expect(l.status).toBe("ready")

      const bad = await failure(api.post("/admin/loyalty/readiness/journeys", { journeys: [] }, admin))
      expect(bad.status).toBe(400)
      expect(bad.data.field).toBe("passed")
    })

    it("program: no earn rate for the region's currency, no reward, a store with staff but no terminal are each not ready", async () => {
      await api.post("/admin/loyalty/program", { earn_rates: {} }, admin)
      let l = await line("program")
      expect(l.status).toBe("not_ready")
      expect(l.summary).toContain(`no earn rate for ${store.currency_code}`)
      expect(l.summary).toContain("no reward is active")

      await api.post("/admin/loyalty/program", { earn_rates: { [store.currency_code]: { points: 1, amount: 1 } } }, admin)
      const reward = (await api.post("/admin/loyalty/rewards", { name: { en: "Five off" }, points_cost: 50, type: "fixed_amount", amounts: { [store.currency_code]: 5 } }, admin)).data.reward
      await api.post("/admin/loyalty/rewards/" + reward.id, { is_active: false }, admin)
      l = await line("program")
      expect(l.summary).toContain("no reward is active")
      await api.post("/admin/loyalty/rewards/" + reward.id, { is_active: true }, admin)

      await api.post("/admin/loyalty/terminal/staff", { name: "Anna", role: "cashier", stock_location_ids: [store.stock_location_id], pin: "482915" }, admin)
      l = await line("program")
      expect(l.status).toBe("not_ready")
      expect(l.summary).toContain(`no paired terminal in store(s) with staff: ${store.stock_location_id}`)

      const { code } = (await api.post(`/admin/loyalty/terminal/stores/${store.stock_location_id}/pairing-codes`, {}, admin)).data.pairing_code
      expect((await api.post("/terminal/pair", { code })).status).toBe(201)
      l = await line("program")
      // Before the launch, a program on no sales channel in particular is a risk: Go live sets them.
      expect(l.status).toBe("ready_with_risks")
      expect(l.summary).toContain("no sales channel")
      expect(evidence(l, "Rewards available now")).toBe(1)
    })

    it("test data: counts what is flagged; the clean-up needs confirm and removes only test data, leaving the ledger without drift", async () => {
      const member = await enrolledShopper(api, store, admin, 300, { prefix: "real" })
      const tester = await enrolledShopper(api, store, admin, 200, { prefix: "tester" })
      const flagged = await api.post(`/admin/loyalty/accounts/${tester.account_id}`, { is_test: true }, admin)
      expect(flagged.data.account.is_test).toBe(true)
      expect((await api.get(`/admin/loyalty/accounts/${member.account_id}`, admin)).data.account.is_test).toBe(false)
      const bad = await failure(api.post(`/admin/loyalty/accounts/${tester.account_id}`, { is_test: "yes" }, admin))
      expect(bad.status).toBe(400)
      expect(bad.data.field).toBe("is_test")

      const testOrder = await placeOrder(api, tester.headers, store, { items: [{ variant_id: store.variants[0].id, quantity: 1 }] })
      const realOrder = await placeOrder(api, member.headers, store, { items: [{ variant_id: store.variants[0].id, quantity: 1 }] })
      await api.post(`/admin/orders/${testOrder.id}`, { metadata: { rewardflow_test: true } }, admin)
      const memberBefore = (await api.get(`/admin/loyalty/accounts/${member.account_id}`, admin)).data.account.balance
      const testerEntries = Number((await pg().raw(`select count(*) from loyalty_ledger_entry where account_id = ?`, [tester.account_id])).rows[0].count)
      expect(testerEntries).toBeGreaterThan(0)

      const counts = (await api.get("/admin/loyalty/test-data", admin)).data
      expect(counts).toEqual({ accounts: 1, entries: testerEntries, orders: 1 })
      let l = await line("test_data")
      expect(l.status).toBe("ready_with_risks")

      const unconfirmed = await failure(api.post("/admin/loyalty/test-data/clean-up", {}, admin))
      expect(unconfirmed.status).toBe(400)
      expect(unconfirmed.data.field).toBe("confirm")
      expect(unconfirmed.data.message).toContain("confirm")
      // Nothing was removed by the refused request; the ledger refuses a deletion outside the clean-up.
      expect((await api.get("/admin/loyalty/test-data", admin)).data.accounts).toBe(1)
      await expect(pg().raw(`delete from loyalty_ledger_entry where account_id = ?`, [tester.account_id])).rejects.toThrow(/append-only/)

      const res = await api.post("/admin/loyalty/test-data/clean-up", { confirm: true }, admin)
      expect(res.status).toBe(200)
      expect(res.data.removed).toMatchObject({ accounts: 1, entries: testerEntries, orders: 1 })
      expect(res.data.invariants.drift).toBe(0)
      expect(res.data.invariants.accounts_checked).toBeGreaterThanOrEqual(1)

      expect((await failure(api.get(`/admin/loyalty/accounts/${tester.account_id}`, admin))).status).toBe(404)
      expect((await failure(api.get(`/admin/orders/${testOrder.id}`, admin))).status).toBe(404)
      expect((await api.get(`/admin/orders/${realOrder.id}`, admin)).status).toBe(200)
      expect((await api.get(`/admin/loyalty/accounts/${member.account_id}`, admin)).data.account.balance).toBe(memberBefore)
      expect((await loyalty().rebuildBalances()).drift).toEqual([])
      expect((await api.get("/admin/loyalty/test-data", admin)).data).toEqual({ accounts: 0, entries: 0, orders: 0 })
      l = await line("test_data")
      expect(l.status).toBe("ready")
      const [record] = await loyalty().listLoyaltyReadinessRecords({ kind: "test_cleanup" })
      expect(record).toMatchObject({ passed: true, actor_user_id: adminUserId })
    })

    it("background work: every job run in time with a consumed heartbeat is ready; a stale job, a failed run or no heartbeat is not ready", async () => {
      await runEveryJob(container())
      let l = await line("background_work")
      expect(l.status).toBe("ready")

      // Run three hours ago: the hourly job is stale.
      await expirePoints(container(), { now: new Date(Date.now() - 3 * 3600_000) })
      l = await line("background_work")
      expect(l.status).toBe("not_ready")
      expect(l.summary).toContain("rewardflow-expire-points last ran at")
      await expirePoints(container())
      expect((await line("background_work")).status).toBe("ready")

      // A run that fails (the job's own wrapper, recording its error, which is thrown on).
      const failing = recordedJob(expirePointsConfig, async () => {
        throw new Error("database unreachable")
      })
      await expect(failing(container())).rejects.toThrow("database unreachable")
      l = await line("background_work")
      expect(l.status).toBe("not_ready")
      expect(l.summary).toContain("rewardflow-expire-points failed at")
      expect(l.summary).toContain("database unreachable")
      await expirePoints(container())
      expect((await line("background_work")).status).toBe("ready")

      // No heartbeat received for ten minutes: events are not consumed.
      await pg().raw(`update loyalty_job_run set last_succeeded_at = now() - interval '10 minutes' where name = 'event-bus'`)
      l = await line("background_work")
      expect(l.status).toBe("not_ready")
      expect(l.summary).toContain("events are not being consumed")
      const received = subscribersDone("loyalty.heartbeat", container().resolve(Modules.EVENT_BUS))
      await readinessHeartbeat(container())
      await received
      expect((await line("background_work")).status).toBe("ready")
    })

    it("go live: refused with 409 naming every line that is not ready; once fixed, cleans up, activates the program on the channels and stamps who and when", async () => {
      const unconfirmed = await failure(api.post("/admin/loyalty/go-live", { sales_channel_ids: [store.sales_channel_id] }, admin))
      expect(unconfirmed.status).toBe(400)
      expect(unconfirmed.data.field).toBe("confirm")

      // The program as a launch needs it (the program test above does the same; this test stands alone).
      await api.post("/admin/loyalty/program", { earn_rates: { [store.currency_code]: { points: 1, amount: 1 } } }, admin)
      const rewards = (await api.get("/admin/loyalty/rewards", admin)).data.rewards
      if (!rewards.some((r: any) => r.is_active)) {
        await api.post("/admin/loyalty/rewards", { name: { en: "Coffee" }, points_cost: 80, type: "fixed_amount", amounts: { [store.currency_code]: 3 } }, admin)
      }
      await runEveryJob(container())
      const tester = await enrolledShopper(api, store, admin, 50, { prefix: "golive-tester" })
      await api.post(`/admin/loyalty/accounts/${tester.account_id}`, { is_test: true }, admin)
      await api.post("/admin/loyalty/program", { status: "paused" }, admin)
      await api.post("/admin/loyalty/readiness/journeys", { passed: false, journeys: [{ name: "terminal-award", passed: false, error: "timeout" }] }, admin)
      await pointSmtpAt(await freePort())

      const refused = await failure(api.post("/admin/loyalty/go-live", { confirm: true, sales_channel_ids: [store.sales_channel_id] }, admin))
      expect(refused.status).toBe(409)
      expect(refused.data).toMatchObject({ type: "not_allowed", reason: "not_ready", lines: ["email_delivery", "journeys"] })
      expect(refused.data.message).toContain("email_delivery")
      expect(refused.data.message).toContain("journeys")
      // Nothing happened: the test account is still there, the program still paused.
      expect((await api.get("/admin/loyalty/test-data", admin)).data.accounts).toBe(1)
      expect((await api.get("/admin/loyalty/program", admin)).data.program.status).toBe("paused")

      await pointSmtpAt(mail.port)
      await api.post("/admin/loyalty/readiness/journeys", { passed: true, journeys: [{ name: "terminal-award", passed: true }] }, admin)
      const before = await board()
      expect(before.lines.filter((l: any) => l.status === "not_ready")).toEqual([])

      const res = await api.post("/admin/loyalty/go-live", { confirm: true, sales_channel_ids: [store.sales_channel_id] }, admin)
      expect(res.status).toBe(200)
      expect(res.data.went_live_by).toBe(adminUserId)
      expect(Date.parse(res.data.went_live_at)).not.toBeNaN()
      expect(res.data.removed).toMatchObject({ accounts: 1 })
      expect(res.data.program.status).toBe("active")

      const { data } = await container().resolve(ContainerRegistrationKeys.QUERY).graph({
        entity: "loyalty_program",
        fields: ["id", "status", "went_live_at", "went_live_by", "sales_channels.id"],
        filters: { id: res.data.program.id },
      })
      expect(data[0]).toMatchObject({ status: "active", went_live_by: adminUserId, sales_channels: [{ id: store.sales_channel_id }] })
      expect((await api.get("/admin/loyalty/test-data", admin)).data).toEqual({ accounts: 0, entries: 0, orders: 0 })
      const after = await board()
      expect(after.went_live_at).toBe(res.data.went_live_at)
      expect(after.went_live_by).toBe(adminUserId)
      expect(after.lines.find((l: any) => l.id === "program").status).toBe("ready")
      const [record] = await loyalty().listLoyaltyReadinessRecords({ kind: "go_live" })
      expect(record).toMatchObject({ passed: true, actor_user_id: adminUserId })
    })
  },
})
