import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import birthdayBonusesJob from "../../src/jobs/birthday-bonuses"
import referralBonusesJob from "../../src/jobs/referral-bonuses"
import { LOYALTY_MODULE } from "../../src/modules/loyalty"
import { localDate } from "../../src/modules/loyalty/lib/birthday"
import type LoyaltyModuleService from "../../src/modules/loyalty/service"
import { setLoyaltyBirthdayWorkflow } from "../../src/workflows/loyalty-bonuses"
import { enrollCustomerWorkflow } from "../../src/workflows/loyalty/workflows/enroll-customer"
import { adminHeaders, failure, guestHeaders, placeOrder, registerCustomer, seedStore, subscribersDone, type StoreFixture } from "../fixtures"

jest.setTimeout(240_000)

const LUX = "Europe/Luxembourg"
const DAY = 86_400_000
/** An address no referrer of these tests ships to (theirs is the fixtures' 12 Rue du Fort). */
const FRIEND_ADDRESS = { address_1: "3 Avenue de la Gare", postal_code: "L-1611", city: "Luxembourg", country_code: "lu" }

/**
 * Birthday and referral bonuses through the real store and admin routes, the real order flow
 * and the real jobs, with the clock driven by the jobs' `now` (never by waiting). The program
 * runs on Luxembourg time: a birthday there starts at 22:00 UTC the day before in summer.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: StoreFixture
    let admin: { headers: Record<string, string> }
    const loyalty = () => getContainer().resolve<LoyaltyModuleService>(LOYALTY_MODULE)
    const eventBus = () => getContainer().resolve(Modules.EVENT_BUS)
    const birthdayJob = (now: string | Date) => birthdayBonusesJob(getContainer(), { now: new Date(now) })
    const referralJob = (now: Date) => referralBonusesJob(getContainer(), { now })

    beforeAll(async () => {
      store = await seedStore(getContainer())
      admin = await adminHeaders(getContainer())
      await api.post(
        "/admin/loyalty/program",
        {
          welcome_bonus_points: 0,
          time_zone: LUX,
          birthday_bonus_points: 100,
          referral_referrer_points: 300,
          referral_referee_points: 200,
          referral_weekly_limit: 2,
        },
        admin
      )
    })

    let seq = 0
    const emailOf = (prefix: string) => `${prefix}${++seq}-${Date.now()}@rewardflow.test`

    /** A registered, logged-in customer (not a member yet). */
    const customer = (email = emailOf("shopper")) => registerCustomer(api as any, store.publishable_key, { email, password: "s3cret-pass", first_name: "Lea" })

    /** A registered customer who enrolls, with a referral code or not; the enrollment answer too. */
    async function member(input: { email?: string; referral_code?: string } = {}) {
      const c = await customer(input.email)
      const res = await api.post("/store/loyalty/enroll", input.referral_code ? { referral_code: input.referral_code } : {}, { headers: c.headers })
      return { ...c, status: (res as any).status as number, body: res.data, account_id: res.data.account.id as string, code: res.data.account.referral_code as string }
    }

    const me = async (s: { headers: Record<string, string> }) => (await api.get("/store/loyalty/me", { headers: s.headers })).data.account
    const adminAccount = async (id: string) => (await api.get(`/admin/loyalty/accounts/${id}`, admin)).data.account
    const bonuses = async (accountId: string, type: "birthday_bonus" | "referral_bonus") =>
      (await loyalty().listLoyaltyLedgerEntries({ account_id: accountId, type }, { order: { created_at: "ASC" } })).map((e) => ({
        points: e.points,
        key: e.idempotency_key,
        source: `${e.source_type}:${e.source_id}`,
      }))
    const referrals = async (qs = "") => (await api.get(`/admin/loyalty/referrals${qs}`, admin)).data

    async function order(s: { headers: Record<string, string> }, shipping_address: Record<string, string> = FRIEND_ADDRESS) {
      const placed = subscribersDone("order.placed", eventBus())
      const o = await placeOrder(api as any, s.headers, store, { items: [{ variant_id: store.variants[0].id, quantity: 1 }], shipping_address })
      await placed
      return o
    }

    /** Sets the birthday the way the routes do, on a day of our choosing. */
    const setBirthday = (account_id: string, birthday: { month: number; day: number } | null, now: string) =>
      setLoyaltyBirthdayWorkflow(getContainer()).run({ input: { account_id, birthday, now } })

    const luxDaysFromToday = (days: number) => localDate(new Date(Date.now() + days * DAY), LUX)

    describe("birthday", () => {
      it("the shopper sets it through the store API: checked, stamped once, shown with the next bonus; the admin sees when and by whom", async () => {
        const stranger = await customer()
        const notMember = await failure(api.post("/store/loyalty/me", { birthday: { month: 5, day: 17 } }, { headers: stranger.headers }))
        expect(notMember).toMatchObject({ status: 400, data: { reason: "not_enrolled" } })

        const m = await member()
        expect((await me(m)).birthday).toBeNull()
        expect((await me(m)).birthday_bonus).toEqual({ next_on: null, eligible: false, reason: "no_birthday" })

        const april31 = await failure(api.post("/store/loyalty/me", { birthday: { month: 4, day: 31 } }, { headers: m.headers }))
        expect(april31).toMatchObject({ status: 400, data: { reason: "invalid_birthday", month: 4, day: 31 } })
        const month13 = await failure(api.post("/store/loyalty/me", { birthday: { month: 13, day: 1 } }, { headers: m.headers }))
        expect(month13).toMatchObject({ status: 400, data: { reason: "invalid_request", field: "birthday.month" } })
        const extra = await failure(api.post("/store/loyalty/me", { birthday: { month: 1, day: 1 }, balance: 5 }, { headers: m.headers }))
        expect(extra).toMatchObject({ status: 400, data: { reason: "invalid_request", field: "balance" } })

        // A birthday 60 days away pays; one 10 days away was given too late for this year.
        const far = luxDaysFromToday(60)
        const { data: set } = await api.post("/store/loyalty/me", { birthday: { month: far.month, day: far.day } }, { headers: m.headers })
        expect(set.enrolled).toBe(true)
        expect(set.account.birthday).toEqual({ month: far.month, day: far.day })
        const farOn = `${far.year}-${String(far.month).padStart(2, "0")}-${String(far.day).padStart(2, "0")}`
        expect(set.account.birthday_bonus).toEqual({ next_on: farOn, eligible: true, reason: null })

        const stamped = await adminAccount(m.account_id)
        expect(stamped).toMatchObject({ birthday: { month: far.month, day: far.day }, birthday_changed_at: null, birthday_updated_by: { customer_id: m.customer.id } })
        expect(new Date(stamped.birthday_set_at).getTime()).toBeGreaterThan(Date.now() - 60_000)

        // The same date again changes nothing: no change is stamped.
        await api.post("/store/loyalty/me", { birthday: { month: far.month, day: far.day } }, { headers: m.headers })
        expect(await adminAccount(m.account_id)).toMatchObject({ birthday_set_at: stamped.birthday_set_at, birthday_changed_at: null })

        // The admin changes it: a change, stamped, by that admin; now nothing is paid for a year.
        const near = luxDaysFromToday(10)
        const { data: changed } = await api.post(`/admin/loyalty/accounts/${m.account_id}`, { birthday: { month: near.month, day: near.day } }, admin)
        expect(changed.account).toMatchObject({ birthday: { month: near.month, day: near.day }, birthday_set_at: stamped.birthday_set_at })
        expect(changed.account.birthday_changed_at).not.toBeNull()
        expect(changed.account.birthday_updated_by.user_id).toEqual(expect.any(String))
        expect((await me(m)).birthday_bonus).toMatchObject({ eligible: false, reason: "changed_recently" })
        const badAdmin = await failure(api.post(`/admin/loyalty/accounts/${m.account_id}`, { birthday: { month: 2, day: 30 } }, admin))
        expect(badAdmin.status).toBe(400)
        expect(badAdmin.data.message).toMatch(/birthday\.day 30 does not exist in month 2/)

        // Given for the first time 10 days before: too late for this year.
        const late = await member()
        await api.post("/store/loyalty/me", { birthday: { month: near.month, day: near.day } }, { headers: late.headers })
        expect((await me(late)).birthday_bonus).toMatchObject({ eligible: false, reason: "set_recently" })
        // Removed: no birthday, and removing counts as a change.
        const { data: removed } = await api.post("/store/loyalty/me", { birthday: null }, { headers: late.headers })
        expect(removed.account.birthday).toBeNull()
        expect((await adminAccount(late.account_id)).birthday_changed_at).not.toBeNull()
      })

      it("paid once on the day in the program's time zone (from 22:00 UTC the day before), not twice when the job runs twice or at once, again the next year", async () => {
        const m = await member()
        await setBirthday(m.account_id, { month: 5, day: 17 }, "2026-01-05T10:00:00Z")

        // 23:59 in Luxembourg on 16 May: not yet.
        await birthdayJob("2026-05-16T21:59:59Z")
        expect(await bonuses(m.account_id, "birthday_bonus")).toEqual([])

        // Midnight in Luxembourg: 17 May. The points-earned event follows (its mail too).
        const earned = subscribersDone("loyalty.points_earned", eventBus())
        const first = await birthdayJob("2026-05-16T22:00:00Z")
        await earned
        expect(first).toMatchObject({ paid: 1, failed: 0 })
        expect(await bonuses(m.account_id, "birthday_bonus")).toEqual([{ points: 100, key: `birthday:${m.account_id}:2026`, source: `birthday:${m.account_id}` }])
        const [entry] = await loyalty().listLoyaltyLedgerEntries({ account_id: m.account_id, type: "birthday_bonus" })
        // Its own mail (not "thank you for your order"), once.
        const mails = (await api.get("/admin/loyalty/email/logs", admin)).data.emails.filter((l: any) => l.recipient === m.customer.email && l.template_key !== "loyalty_enrollment")
        expect(mails.map((l: any) => [l.template_key, l.idempotency_key, l.subject])).toEqual([
          ["loyalty_birthday_bonus", `loyalty_birthday_bonus:${entry.id}`, "Happy birthday! 100 points for you"],
        ])

        // Later that day, twice at once, and once more: nothing more.
        const again = await Promise.all([birthdayJob("2026-05-17T08:00:00Z"), birthdayJob("2026-05-17T08:00:00Z")])
        await birthdayJob("2026-05-17T21:00:00Z")
        expect(again.map((r) => r.paid)).toEqual([0, 0])
        expect(await bonuses(m.account_id, "birthday_bonus")).toHaveLength(1)
        expect((await me(m)).balance).toBe(100)
        // 22:00 UTC on 17 May is 18 May in Luxembourg: over.
        await birthdayJob("2026-05-17T22:30:00Z")

        // The next year: paid again, once.
        await Promise.all([birthdayJob("2027-05-16T22:00:00Z"), birthdayJob("2027-05-16T22:00:00Z")])
        expect((await bonuses(m.account_id, "birthday_bonus")).map((b) => b.key)).toEqual([`birthday:${m.account_id}:2026`, `birthday:${m.account_id}:2027`])
        expect((await me(m)).balance).toBe(200)
        expect((await loyalty().rebuildBalances()).drift).toEqual([])
      })

      it("not after a recent first setting (30 days) or change (365 days), paid the year after; 29 February on 28 February of a common year", async () => {
        const recent = await member()
        await setBirthday(recent.account_id, { month: 5, day: 17 }, "2026-04-20T10:00:00Z")
        const changed = await member()
        await setBirthday(changed.account_id, { month: 3, day: 3 }, "2024-01-05T10:00:00Z")
        await setBirthday(changed.account_id, { month: 5, day: 17 }, "2025-12-01T10:00:00Z")
        const steady = await member()
        await setBirthday(steady.account_id, { month: 5, day: 17 }, "2026-04-17T10:00:00Z")
        const leapling = await member()
        await setBirthday(leapling.account_id, { month: 2, day: 29 }, "2024-01-05T10:00:00Z")
        const blocked = await member()
        await setBirthday(blocked.account_id, { month: 5, day: 17 }, "2024-01-05T10:00:00Z")
        await api.post(`/admin/loyalty/accounts/${blocked.account_id}`, { status: "blocked" }, admin)

        await birthdayJob("2026-05-16T22:00:00Z")
        // Set 27 days before: nothing; changed 167 days before: nothing; set exactly 30 days before: paid.
        expect(await bonuses(recent.account_id, "birthday_bonus")).toEqual([])
        expect(await bonuses(changed.account_id, "birthday_bonus")).toEqual([])
        expect((await bonuses(steady.account_id, "birthday_bonus")).map((b) => b.points)).toEqual([100])
        expect(await bonuses(blocked.account_id, "birthday_bonus")).toEqual([])

        await birthdayJob("2027-05-16T22:00:00Z")
        expect((await bonuses(recent.account_id, "birthday_bonus")).map((b) => b.key)).toEqual([`birthday:${recent.account_id}:2027`])
        // Changed 532 days before the 2027 birthday: paid.
        expect((await bonuses(changed.account_id, "birthday_bonus")).map((b) => b.key)).toEqual([`birthday:${changed.account_id}:2027`])

        // 2027 has no 29 February: paid on the 28th (winter: midnight in Luxembourg is 23:00 UTC).
        await birthdayJob("2027-02-27T22:59:00Z")
        expect(await bonuses(leapling.account_id, "birthday_bonus")).toEqual([])
        await birthdayJob("2027-02-27T23:00:00Z")
        expect((await bonuses(leapling.account_id, "birthday_bonus")).map((b) => b.key)).toEqual([`birthday:${leapling.account_id}:2027`])
        // 2028 has one: not on the 28th, on the 29th.
        await birthdayJob("2028-02-28T12:00:00Z")
        expect(await bonuses(leapling.account_id, "birthday_bonus")).toHaveLength(1)
        await birthdayJob("2028-02-29T12:00:00Z")
        expect((await bonuses(leapling.account_id, "birthday_bonus")).map((b) => b.key)).toEqual([
          `birthday:${leapling.account_id}:2027`,
          `birthday:${leapling.account_id}:2028`,
        ])
      })
    })

    describe("referrals", () => {
      const WINDOW = 14 * DAY
      const after = (o: { created_at: string }, ms: number) => new Date(new Date(o.created_at).getTime() + ms)

      it("code and link, sign-up, first order: both sides earn once when the order can no longer be returned (14 days); counts and the referral shown", async () => {
        process.env.REWARDFLOW_STOREFRONT_URL = "https://shop.example.lu/fr"
        try {
          const referrer = await member()
          const view = await me(referrer)
          expect(view.referral_code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/)
          expect(view.referral_link).toBe(`https://shop.example.lu/fr?ref=${view.referral_code}`)
          expect(view.referrals).toEqual({ signed_up: 0, pending: 0, rewarded: 0 })
        } finally {
          delete process.env.REWARDFLOW_STOREFRONT_URL
        }
        const referrer = await member()
        expect((await me(referrer)).referral_link).toBeNull()
        // A member from before codes existed gets one on the first read, and keeps it.
        const older = await member()
        await getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)("loyalty_account").where({ id: older.account_id }).update({ referral_code: null })
        const made = (await me(older)).referral_code
        expect(made).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/)
        expect((await me(older)).referral_code).toBe(made)

        // The code as a person types it: lower case, with a dash.
        const typed = `${referrer.code.slice(0, 4).toLowerCase()}-${referrer.code.slice(4)}`
        const friend = await member({ referral_code: typed })
        expect(friend.status).toBe(201)
        expect(friend.body.referral).toEqual({ status: "signed_up", reason: null })
        expect(friend.body.account.referral_code).not.toBe(referrer.code)
        expect((await me(referrer)).referrals).toEqual({ signed_up: 1, pending: 1, rewarded: 0 })

        const o = await order(friend)
        const [listed] = (await referrals(`?account_id=${referrer.account_id}`)).referrals
        expect(listed).toMatchObject({
          status: "qualified",
          order_id: o.id,
          code: referrer.code,
          qualifies_at: after(o, WINDOW).toISOString(),
          referrer: { account_id: referrer.account_id, customer: { email: referrer.customer.email } },
          referee: { customer_id: friend.customer.id, account_id: friend.account_id, customer: { email: friend.customer.email } },
        })

        // A day before the end of the window: nothing.
        await referralJob(after(o, WINDOW - DAY))
        expect(await bonuses(referrer.account_id, "referral_bonus")).toEqual([])
        expect(await bonuses(friend.account_id, "referral_bonus")).toEqual([])

        // The window is over: both sides, once; the points-earned events (and mails) follow.
        const earned = subscribersDone("loyalty.points_earned", eventBus(), { triggerCount: 2 })
        const paid = await referralJob(after(o, WINDOW + 60_000))
        await earned
        expect(paid).toMatchObject({ rewarded: 1, failed: 0 })
        const id = listed.id
        expect(await bonuses(referrer.account_id, "referral_bonus")).toEqual([{ points: 300, key: `referral:${id}:referrer`, source: `referral:${id}` }])
        expect(await bonuses(friend.account_id, "referral_bonus")).toEqual([{ points: 200, key: `referral:${id}:referee`, source: `referral:${id}` }])
        // Each side gets the referral mail in its own words.
        const mailTo = async (email: string) =>
          (await api.get("/admin/loyalty/email/logs?template_key=loyalty_referral_bonus", admin)).data.emails.filter((l: any) => l.recipient === email).map((l: any) => l.subject)
        expect(await mailTo(referrer.customer.email)).toEqual(["Thank you for the referral: 300 points"])
        expect(await mailTo(friend.customer.email)).toEqual(["Welcome gift: 200 points"])

        // Again, and twice at once: nothing more.
        await Promise.all([referralJob(after(o, WINDOW + 2 * DAY)), referralJob(after(o, WINDOW + 2 * DAY))])
        expect(await bonuses(referrer.account_id, "referral_bonus")).toHaveLength(1)
        expect(await bonuses(friend.account_id, "referral_bonus")).toHaveLength(1)
        expect((await me(referrer)).balance).toBe(300)
        expect((await me(referrer)).referrals).toEqual({ signed_up: 1, pending: 0, rewarded: 1 })

        const friendAdmin = await adminAccount(friend.account_id)
        expect(friendAdmin.referred_by).toMatchObject({ id, status: "rewarded", referrer_account_id: referrer.account_id, order_id: o.id, refusal_reason: null })
        expect(friendAdmin.referred_by.rewarded_at).not.toBeNull()
        expect((await adminAccount(referrer.account_id)).referrals).toEqual({ signed_up: 1, pending: 0, rewarded: 1, refused: 0 })
        expect((await loyalty().rebuildBalances()).drift).toEqual([])
      })

      it("with a pending period, the referral waits for its end instead of 14 days", async () => {
        await api.post("/admin/loyalty/program", { pending_days: 30 }, admin)
        const referrer = await member()
        const friend = await member({ referral_code: referrer.code })
        const o = await order(friend)
        await referralJob(after(o, 20 * DAY))
        expect(await bonuses(friend.account_id, "referral_bonus")).toEqual([])
        expect((await referrals(`?account_id=${friend.account_id}`)).referrals[0]).toMatchObject({ status: "qualified", qualifies_at: after(o, 30 * DAY).toISOString() })
        await referralJob(after(o, 30 * DAY))
        expect((await bonuses(friend.account_id, "referral_bonus")).map((b) => b.points)).toEqual([200])
      })

      it("self-referrals are refused: the member's own code, an e-mail that differs by case, dots or a +tag, the referrer's shipping address", async () => {
        const referrer = await member({ email: `ana.muller.${++seq}${Date.now()}@rewardflow.test` })
        const [local, domain] = referrer.customer.email.split("@")

        const own = await api.post("/store/loyalty/enroll", { referral_code: referrer.code }, { headers: referrer.headers })
        expect(own.data.referral).toEqual({ status: "refused", reason: "self_referral" })

        const variant = await member({ email: `${local.replace(/\./g, "").toUpperCase()}+friend@${domain}`, referral_code: referrer.code })
        expect(variant.status).toBe(201)
        expect(variant.body.referral).toEqual({ status: "refused", reason: "self_referral" })

        // Another e-mail, but the first order goes to the referrer's own address (written differently).
        await order(referrer, { address_1: "12 Rue du Fort", postal_code: "L-1234", city: "Luxembourg", country_code: "lu" })
        const sameHome = await member({ referral_code: referrer.code })
        expect(sameHome.body.referral).toEqual({ status: "signed_up", reason: null })
        const o = await order(sameHome, { address_1: "12, RUE DU FORT", postal_code: "l1234", city: "LUXEMBOURG", country_code: "lu" })
        await referralJob(after(o, WINDOW + DAY))
        for (const m of [referrer, variant, sameHome]) expect(await bonuses(m.account_id, "referral_bonus")).toEqual([])

        const refused = (await referrals(`?status=refused&account_id=${referrer.account_id}`)).referrals
        expect(refused.map((r: any) => [r.referee.customer_id, r.refusal_reason]).sort()).toEqual(
          [
            [referrer.customer.id, "self_referral"],
            [variant.customer.id, "self_referral"],
            [sameHome.customer.id, "self_referral"],
          ].sort()
        )
        expect(refused.find((r: any) => r.referee.customer_id === sameHome.customer.id).order_id).toBe(o.id)
        expect((await me(referrer)).referrals).toEqual({ signed_up: 0, pending: 0, rewarded: 0 })
      })

      it("an existing customer is refused: a member before, or with an order (also as a guest with that e-mail); an unknown code refuses nothing but the referral", async () => {
        const referrer = await member()

        // Ordered before (and was enrolled by that order): already a member.
        const earlier = await customer()
        await order(earlier)
        const late = await api.post("/store/loyalty/enroll", { referral_code: referrer.code }, { headers: earlier.headers })
        expect((late as any).status).toBe(200)
        expect(late.data.referral).toEqual({ status: "refused", reason: "existing_customer" })

        // A guest order with the e-mail, then an account: a new member, not a new customer.
        const email = emailOf("guest")
        await placeOrder(api as any, guestHeaders(store.publishable_key), store, { email, items: [{ variant_id: store.variants[0].id, quantity: 1 }], shipping_address: FRIEND_ADDRESS })
        const guest = await member({ email, referral_code: referrer.code })
        expect(guest.status).toBe(201)
        expect(guest.body.referral).toEqual({ status: "refused", reason: "existing_customer" })

        const unknown = await member({ referral_code: "ZZZZ2222" })
        expect(unknown.status).toBe(201)
        expect(unknown.body.referral).toEqual({ status: "refused", reason: "unknown_code" })

        const list = await referrals(`?account_id=${referrer.account_id}`)
        expect(list.count).toBe(2)
        expect(list.referrals.map((r: any) => r.refusal_reason)).toEqual(["existing_customer", "existing_customer"])
        // Nothing was recorded for the unknown code: it names no referrer.
        expect((await referrals(`?account_id=${unknown.account_id}`)).count).toBe(0)
        await referralJob(new Date(Date.now() + 30 * DAY))
        expect(await bonuses(referrer.account_id, "referral_bonus")).toEqual([])
        expect((await adminAccount(guest.account_id)).referred_by).toMatchObject({ status: "refused", refusal_reason: "existing_customer" })
      })

      it("no more than referral_weekly_limit sign-ups a week, even at once; a week later the next one counts", async () => {
        const referrer = await member()
        const friends = await Promise.all([customer(), customer(), customer()])
        const answers = await Promise.all(friends.map((f) => api.post("/store/loyalty/enroll", { referral_code: referrer.code }, { headers: f.headers })))
        expect(answers.map((a) => a.data.referral.status).sort()).toEqual(["refused", "signed_up", "signed_up"])
        expect(answers.map((a) => a.data.referral.reason).filter(Boolean)).toEqual(["weekly_limit"])

        // Eight days later (the workflow's clock) the window holds none of them.
        const later = await customer()
        const { result } = await enrollCustomerWorkflow(getContainer()).run({
          input: { customer_id: later.customer.id, referral_code: referrer.code, now: new Date(Date.now() + 8 * DAY).toISOString() },
        })
        expect(result.referral).toMatchObject({ status: "signed_up", reason: null })

        const list = await referrals(`?account_id=${referrer.account_id}&status=refused`)
        expect(list.referrals.map((r: any) => r.refusal_reason)).toEqual(["weekly_limit"])
        const page = await referrals(`?account_id=${referrer.account_id}&limit=2&offset=0`)
        expect(page).toMatchObject({ count: 4, limit: 2, offset: 0 })
        expect(page.referrals).toHaveLength(2)
        const bad = await failure(api.get("/admin/loyalty/referrals?status=paid", admin))
        expect(bad.status).toBe(400)
        expect(bad.data.message).toMatch(/status/)
      })

      it("a canceled first order does not qualify; the next first order does", async () => {
        const referrer = await member()
        const friend = await member({ referral_code: referrer.code })
        const first = await order(friend)
        const canceled = subscribersDone("order.canceled", eventBus())
        await api.post(`/admin/orders/${first.id}/cancel`, {}, admin)
        await canceled

        await referralJob(after(first, WINDOW + DAY))
        expect(await bonuses(referrer.account_id, "referral_bonus")).toEqual([])
        expect((await referrals(`?account_id=${friend.account_id}`)).referrals[0]).toMatchObject({ status: "signed_up", order_id: null })

        const second = await order(friend)
        expect((await referrals(`?account_id=${friend.account_id}`)).referrals[0]).toMatchObject({ status: "qualified", order_id: second.id })
        await referralJob(after(second, WINDOW + DAY))
        expect((await bonuses(referrer.account_id, "referral_bonus")).map((b) => b.points)).toEqual([300])
        expect((await bonuses(friend.account_id, "referral_bonus")).map((b) => b.points)).toEqual([200])
        expect((await referrals(`?account_id=${friend.account_id}`)).referrals[0]).toMatchObject({ status: "rewarded", order_id: second.id })
      })
    })
  },
})
