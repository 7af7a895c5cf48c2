import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { MedusaError } from "@medusajs/framework/utils"
import path from "node:path"
import { LOYALTY_MODULE } from ".."
import { isValidCardNumber } from "../lib/card-number"
import type LoyaltyModuleService from "../service"

jest.setTimeout(60_000)

const DAY = 24 * 60 * 60 * 1000
const inDays = (days: number) => new Date(Date.now() + days * DAY)

/** The error a call failed with; fails the test when the call succeeds. */
async function rejection(call: Promise<unknown>): Promise<MedusaError> {
  try {
    await call
  } catch (e) {
    return e as MedusaError
  }
  throw new Error("expected the call to fail, it succeeded")
}

/** Runs `n` calls at once and waits for all of them, failed or not. */
const times = <T>(n: number, f: (i: number) => Promise<T>) =>
  Promise.allSettled(Array.from({ length: n }, (_, i) => f(i)))

const fulfilled = <T>(results: PromiseSettledResult<T>[]) =>
  results.filter((r): r is PromiseFulfilledResult<T> => r.status === "fulfilled").map((r) => r.value)

const rejected = (results: PromiseSettledResult<unknown>[]) =>
  results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason as MedusaError)

moduleIntegrationTestRunner<LoyaltyModuleService>({
  moduleName: LOYALTY_MODULE,
  resolve: path.join(__dirname, ".."),
  pathToMigrations: path.join(__dirname, "..", "migrations"),
  testSuite: ({ service, MikroOrmWrapper }) => {
    /** Raw SQL on the test database, bypassing the module. */
    const sql = async <T = Record<string, any>>(query: string, params: unknown[] = []): Promise<T[]> =>
      (await MikroOrmWrapper.forkManager().getConnection().execute(query, params as any[])) as T[]

    const lots = (accountId: string) =>
      sql<{ id: string; entry_id: string; points: number; remaining: number; expires_at: Date | null }>(
        `select id, entry_id, points, remaining, expires_at from loyalty_point_lot
          where account_id = ? order by created_at, id`,
        [accountId]
      )

    const entries = (accountId: string) =>
      sql<{ id: string; type: string; points: number; shortfall: number; reverses_entry_id: string | null }>(
        `select id, type, points, shortfall, reverses_entry_id from loyalty_ledger_entry
          where account_id = ? order by created_at, id`,
        [accountId]
      )

    /** Remaining points per crediting entry id. */
    const remainingByEntry = async (accountId: string) =>
      Object.fromEntries((await lots(accountId)).map((l) => [l.entry_id, l.remaining]))

    /** Everything the ledger holds for an account, to prove a failed call wrote nothing. */
    const snapshot = async (accountId: string) => ({
      account: await sql(`select balance, lifetime_earned from loyalty_account where id = ?`, [accountId]),
      entries: await entries(accountId),
      lots: await lots(accountId),
    })

    /**
     * Cached balance, SUM(entry points) and SUM(lot remaining) all equal the expected balance;
     * cached points_owed and lifetime_earned equal SUM(owed_change) and SUM(earned_change); no
     * spendable points while owing.
     */
    const expectConsistent = async (accountId: string, expectedBalance: number, expectedOwed = 0) => {
      const [row] = await sql<{ cached: number; ledger: number; lots: number; owed: number; ledger_owed: number; lifetime: number; earned: number }>(
        `select a.balance as cached,
                (select coalesce(sum(points), 0)::int from loyalty_ledger_entry where account_id = a.id) as ledger,
                (select coalesce(sum(remaining), 0)::int from loyalty_point_lot where account_id = a.id) as lots,
                a.points_owed as owed,
                (select coalesce(sum(owed_change), 0)::int from loyalty_ledger_entry where account_id = a.id) as ledger_owed,
                a.lifetime_earned as lifetime,
                (select coalesce(sum(earned_change), 0)::int from loyalty_ledger_entry where account_id = a.id) as earned
           from loyalty_account a where a.id = ?`,
        [accountId]
      )
      expect(row).toEqual({
        cached: expectedBalance,
        ledger: expectedBalance,
        lots: expectedBalance,
        owed: expectedOwed,
        ledger_owed: expectedOwed,
        lifetime: row.earned,
        earned: row.earned,
      })
      const account = await service.retrieveLoyaltyAccount(accountId)
      expect(account.balance).toBe(expectedBalance)
      expect(Math.min(account.balance, (account as any).points_owed)).toBe(0)
    }

    const newAccount = async (customerId = "cus_1") => {
      const program = await service.getOrCreateDefaultProgram()
      const { account_id } = await service.enroll({ program_id: program.id, customer_id: customerId })
      return account_id
    }

    const earn = (account_id: string, points: number, key: string, expires_at?: Date | null) =>
      service.creditPoints({
        account_id,
        type: "earn",
        points,
        source_type: "order",
        source_id: key,
        idempotency_key: key,
        ...(expires_at !== undefined ? { expires_at } : {}),
      })

    const redeem = (account_id: string, points: number, key: string) =>
      service.debitPoints({ account_id, type: "redeem", points, source_type: "redemption", idempotency_key: key })

    describe("ledger invariants", () => {
      it("keeps cached balance, ledger sum and lot sum equal through a mixed sequence", async () => {
        const program = await service.getOrCreateDefaultProgram()
        await service.updateLoyaltyPrograms({ id: program.id, welcome_bonus_points: 20 })
        const { account_id: acc, welcome_bonus } = await service.enroll({
          program_id: program.id,
          customer_id: "cus_mixed",
        })
        expect(welcome_bonus?.balance).toBe(20)
        await expectConsistent(acc, 20)

        const e1 = await earn(acc, 100, "earn:e1", inDays(10))
        const e2 = await earn(acc, 50, "earn:e2", inDays(5))
        const adj = await service.creditPoints({
          account_id: acc,
          type: "adjust",
          points: 30,
          source_type: "admin",
          idempotency_key: "adj:plus",
          counts_as_earned: false,
          expires_at: null,
        })
        expect(adj.balance).toBe(200)
        await expectConsistent(acc, 200)
        expect((await service.retrieveLoyaltyAccount(acc)).lifetime_earned).toBe(170)

        const r1 = await redeem(acc, 120, "redeem:r1")
        expect(r1.balance).toBe(80)
        await expectConsistent(acc, 80)
        const r2 = await service.debitPoints({
          account_id: acc,
          type: "adjust",
          points: 40,
          source_type: "admin",
          idempotency_key: "adj:minus",
        })
        expect(r2.balance).toBe(40)
        await expectConsistent(acc, 40)

        const released = await service.reverseEntry({
          entry_id: r1.entry.id,
          type: "release",
          idempotency_key: "release:r1",
          source_type: "redemption",
        })
        expect(released?.entry.points).toBe(120)
        await expectConsistent(acc, 160)

        const reversedEarn = await service.reverseEntry({
          entry_id: e1.entry.id,
          idempotency_key: "reverse:e1",
          source_type: "return",
        })
        expect(reversedEarn?.entry).toMatchObject({ points: -100, shortfall: 0 })
        await expectConsistent(acc, 60)

        const stale = await earn(acc, 15, "earn:stale", new Date(Date.now() - DAY))
        await expectConsistent(acc, 75)
        const expired = await service.expireDueLots(acc)
        expect(expired.map((r) => r.entry.points)).toEqual([-15])
        await expectConsistent(acc, 60)

        const byEntry = await remainingByEntry(acc)
        expect(byEntry).toEqual({
          [welcome_bonus!.entry.id]: 10,
          [e1.entry.id]: 0,
          [e2.entry.id]: 20,
          [adj.entry.id]: 30,
          [stale.entry.id]: 0,
        })
        const account = await service.retrieveLoyaltyAccount(acc)
        expect(account.lifetime_earned).toBe(20 + 100 + 50 + 15 - 100)
        expect((await service.rebuildBalances()).drift).toEqual([])
      })

      it("refuses a debit over the balance with NOT_ALLOWED naming balance and request, writing nothing", async () => {
        const acc = await newAccount()
        await earn(acc, 100, "earn:1")
        const before = await snapshot(acc)

        const err = await rejection(redeem(acc, 150, "redeem:too-much"))
        expect(err).toBeInstanceOf(MedusaError)
        expect(err.type).toBe(MedusaError.Types.NOT_ALLOWED)
        expect(err.message).toContain("balance 100")
        expect(err.message).toContain("150")

        expect(await snapshot(acc)).toEqual(before)
        // The key of the refused debit was not consumed: it works once points suffice.
        await earn(acc, 50, "earn:2")
        expect((await redeem(acc, 150, "redeem:too-much")).balance).toBe(0)
        await expectConsistent(acc, 0)
      })

      it("refuses zero, negative and fractional points with INVALID_DATA", async () => {
        const acc = await newAccount()
        await earn(acc, 10, "earn:1")
        const before = await snapshot(acc)
        for (const points of [0, -5, 1.5]) {
          const credit = await rejection(earn(acc, points, `earn:bad:${points}`))
          expect(credit.type).toBe(MedusaError.Types.INVALID_DATA)
          const debit = await rejection(redeem(acc, points, `redeem:bad:${points}`))
          expect(debit.type).toBe(MedusaError.Types.INVALID_DATA)
        }
        expect(await snapshot(acc)).toEqual(before)
      })

      it("has the database refuse a negative balance or a lot holding more than it was given", async () => {
        const acc = await newAccount()
        const { entry } = await earn(acc, 10, "earn:1")
        await expect(sql(`update loyalty_account set balance = -1 where id = ?`, [acc])).rejects.toThrow(
          /loyalty_account_balance_non_negative/
        )
        await expect(
          sql(`update loyalty_point_lot set remaining = points + 1 where entry_id = ?`, [entry.id])
        ).rejects.toThrow(/loyalty_point_lot_remaining_range/)
        await expect(
          sql(`update loyalty_point_lot set remaining = -1 where entry_id = ?`, [entry.id])
        ).rejects.toThrow(/loyalty_point_lot_remaining_range/)
        await expectConsistent(acc, 10)
      })

      it("makes ledger entries append-only: raw UPDATE and DELETE fail", async () => {
        const acc = await newAccount()
        const { entry } = await earn(acc, 10, "earn:1")
        await expect(
          sql(`update loyalty_ledger_entry set points = 1000 where id = ?`, [entry.id])
        ).rejects.toThrow(/append-only: UPDATE/)
        await expect(
          sql(`update loyalty_ledger_entry set deleted_at = now() where account_id = ?`, [acc])
        ).rejects.toThrow(/append-only: UPDATE/)
        await expect(sql(`delete from loyalty_ledger_entry where id = ?`, [entry.id])).rejects.toThrow(
          /append-only: DELETE/
        )
        const [row] = await sql(`select points, deleted_at from loyalty_ledger_entry where id = ?`, [entry.id])
        expect(row).toEqual({ points: 10, deleted_at: null })
      })

      it("records who acted and why on the entry", async () => {
        const acc = await newAccount()
        const { entry } = await service.creditPoints({
          account_id: acc,
          type: "adjust",
          points: 5,
          source_type: "terminal",
          source_id: "term_1",
          idempotency_key: "adj:terminal",
          actor: { device_id: "dev_1", staff_id: "staff_1" },
          reason: "Goodwill",
          metadata: { ticket: 42 },
        })
        const [stored] = await service.listLoyaltyLedgerEntries({ id: entry.id })
        expect(stored).toMatchObject({
          type: "adjust",
          points: 5,
          balance_after: 5,
          source_type: "terminal",
          source_id: "term_1",
          actor_device_id: "dev_1",
          actor_staff_id: "staff_1",
          actor_user_id: null,
          reason: "Goodwill",
          metadata: { ticket: 42 },
        })
        // An adjustment does not count as earned.
        expect((await service.retrieveLoyaltyAccount(acc)).lifetime_earned).toBe(0)
      })
    })

    describe("order points (settleOrderPoints)", () => {
      const settle = (account_id: string, order_id: string, target: number) =>
        service.settleOrderPoints({ account_id, order_id, target, reason: `Order ${order_id}`, earn_metadata: { earning_basis: { amount: "100" } } })

      it("moves an order's points to a target with one entry, and settling again to it writes nothing", async () => {
        const acc = await newAccount("cus_order_1")
        const first = await settle(acc, "order_1", 100)
        expect(first.change!.entry).toMatchObject({ type: "earn", points: 100, idempotency_key: "earn:order:order_1", source_type: "order", source_id: "order_1", earned_change: 100 })
        expect((await settle(acc, "order_1", 100)).change).toBeNull()
        // A return in two passes: each pass brings the order to what it earns on what is kept.
        const pass1 = await settle(acc, "order_1", 70)
        expect(pass1).toMatchObject({ net_before: 100, net_after: 70 })
        expect(pass1.change!.entry).toMatchObject({ type: "reverse", points: -30, earned_change: -30 })
        const pass2 = await settle(acc, "order_1", 40)
        expect(pass2.change!.entry.points).toBe(-30)
        expect((await settle(acc, "order_1", 40)).change).toBeNull()
        await expectConsistent(acc, 40)
        const state = await service.retrieveOrderPointsState("order_1")
        expect(state).toMatchObject({ net: 40, credited: 100, clawed_back: 60, earned: 100, taken_back: 60, account_id: acc })
        expect(state.entries.map((e) => e.type)).toEqual(["earn", "reverse", "reverse"])
        // An edit that adds items back credits again, under a new key (not the first earn's).
        const back = await settle(acc, "order_1", 90)
        expect(back.change!.entry).toMatchObject({ type: "earn", points: 50, idempotency_key: "order:order_1:points:3" })
        await settle(acc, "order_1", 0)
        await expectConsistent(acc, 0)
        expect((await service.retrieveLoyaltyAccount(acc)).lifetime_earned).toBe(0)
        await expect(settle(acc, "order_1", -1)).rejects.toThrow("target must be a whole number >= 0, got -1")
      })

      it("a clawback the balance cannot cover becomes a debt, paid first by the next credit", async () => {
        const acc = await newAccount("cus_order_2")
        await settle(acc, "order_2", 100)
        await redeem(acc, 90, "spend:order_2")
        const cancel = await settle(acc, "order_2", 0)
        expect(cancel.change!.entry).toMatchObject({ type: "reverse", points: -10, shortfall: 90 })
        expect(cancel.change!.debt).toMatchObject({ type: "debt", points: 0, owed_change: 90, source_type: "order", source_id: "order_2" })
        expect(cancel.change).toMatchObject({ balance: 0, points_owed: 90 })
        await expectConsistent(acc, 0, 90)
        // The next credit pays the debt before a point of it can be spent.
        const next = await earn(acc, 50, "earn:after-debt")
        expect(next).toMatchObject({ balance: 0, points_owed: 40 })
        expect(next.debt).toMatchObject({ type: "debt_paid", points: -50, owed_change: -50 })
        await expectConsistent(acc, 0, 40)
        const more = await earn(acc, 100, "earn:after-debt-2")
        expect(more).toMatchObject({ balance: 60, points_owed: 0 })
        await expectConsistent(acc, 60)
      })

      it("reserved points escape no clawback: the release after a cancel pays the debt, minting nothing", async () => {
        // Welcome 50 + an order earning 20, everything reserved, the order canceled, the reservation released.
        const program = await service.getOrCreateDefaultProgram()
        await service.updateLoyaltyPrograms({ id: program.id, welcome_bonus_points: 50 })
        const { account_id: acc } = await service.enroll({ program_id: program.id, customer_id: "cus_order_3" })
        await service.updateLoyaltyPrograms({ id: program.id, welcome_bonus_points: 0 })
        await settle(acc, "order_3", 20)
        const reserve = await service.debitPoints({ account_id: acc, type: "reserve", points: 70, source_type: "redemption", idempotency_key: "reserve:order_3" })
        const cancel = await settle(acc, "order_3", 0)
        expect(cancel.change).toMatchObject({ balance: 0, points_owed: 20 })
        await expectConsistent(acc, 0, 20)
        const released = await service.reverseEntry({ entry_id: reserve.entry.id, type: "release", idempotency_key: "release:order_3", source_type: "redemption" })
        expect(released).toMatchObject({ balance: 50, points_owed: 0 })
        expect(released!.debt).toMatchObject({ type: "debt_paid", points: -20 })
        await expectConsistent(acc, 50)
      })

      it("points of the order that already expired are not clawed back a second time from other lots", async () => {
        const acc = await newAccount("cus_order_4")
        await earn(acc, 30, "earn:other", null)
        // The order's points expire (its lot is given a past expiry through the ledger's own credit).
        await service.creditPoints({
          account_id: acc, type: "earn", points: 100, source_type: "order", source_id: "order_4",
          idempotency_key: "earn:order:order_4", expires_at: new Date(Date.now() - DAY),
          metadata: { earning_basis: { amount: "100" } },
        })
        expect((await service.expireDueLots(acc)).map((r) => r.entry.points)).toEqual([-100])
        await expectConsistent(acc, 30)
        const cancel = await settle(acc, "order_4", 0)
        expect(cancel.change!.entry).toMatchObject({ points: 0, shortfall: 100, metadata: { expired_excused: 100 } })
        expect(cancel.change!.debt).toBeNull()
        await expectConsistent(acc, 30)

        // Part expired, part spent: only the spent part is owed.
        const acc2 = await newAccount("cus_order_5")
        await service.creditPoints({
          account_id: acc2, type: "earn", points: 100, source_type: "order", source_id: "order_5",
          idempotency_key: "earn:order:order_5", expires_at: inDays(1),
        })
        await redeem(acc2, 60, "spend:order_5")
        await service.expireDueLots(acc2, inDays(2))
        await earn(acc2, 25, "earn:later", null)
        const half = await settle(acc2, "order_5", 50)
        // 50 wanted: 40 of the order's points expired (excused), 10 taken from the balance.
        expect(half.change!.entry).toMatchObject({ points: -10, shortfall: 40, metadata: { expired_excused: 40 } })
        const rest = await settle(acc2, "order_5", 0)
        // The 40 expired were excused once; the other 50 were spent: 15 taken, 35 owed.
        expect(rest.change!.entry).toMatchObject({ points: -15, shortfall: 35 })
        expect(rest.change!.debt!.owed_change).toBe(35)
        await expectConsistent(acc2, 0, 35)
      })

      it("points that stood in for the order's reserved ones get them back when the reservation is released, and keep their own expiry", async () => {
        const program = await service.getOrCreateDefaultProgram()
        await service.updateLoyaltyPrograms({ id: program.id, points_validity_months: 1 })
        const acc = await newAccount("cus_order_cover")
        await earn(acc, 10, "earn:never-expires", null)
        await service.settleOrderPoints({ account_id: acc, order_id: "order_cover", target: 3, reason: "placed", earn_metadata: { earning_basis: { amount: "3" } } })
        await service.updateLoyaltyPrograms({ id: program.id, points_validity_months: null })
        // The order's 3 points (they expire first) are reserved on a cart.
        const held = await service.debitPoints({ account_id: acc, type: "reserve", points: 3, source_type: "redemption", idempotency_key: "reserve:cover" })
        // A return wants 1 back: the never-expiring points stand in.
        const part = await service.settleOrderPoints({ account_id: acc, order_id: "order_cover", target: 2, reason: "return" })
        expect(part.change!.entry.metadata).toMatchObject({ covers: [{ points: 1 }] })
        const released = await service.reverseEntry({ entry_id: held.entry.id, type: "release", idempotency_key: "release:cover", source_type: "redemption" })
        // 1 of the 3 goes back to the lot that stood in, 2 to the order's lot.
        expect(released!.entry.metadata).toMatchObject({ repaid_covers: [{ points: 1 }] })
        expect((await service.expireDueLots(acc, inDays(60))).map((r) => r.entry.points)).toEqual([-2])
        await service.settleOrderPoints({ account_id: acc, order_id: "order_cover", target: 0, reason: "all returned" })
        // The order gave 3, all taken back or expired: the shopper's own 10 are untouched.
        await expectConsistent(acc, 10)
      })

      it("a compensated clawback gives back what it took and restores lifetime points and the debt", async () => {
        const acc = await newAccount("cus_order_6")
        await settle(acc, "order_6", 100)
        await redeem(acc, 70, "spend:order_6")
        const lifetime = (await service.retrieveLoyaltyAccount(acc)).lifetime_earned
        await settle(acc, "order_6", 0)
        await expectConsistent(acc, 0, 70)
        // What a compensated run does: settle back to where it found the order.
        const undo = await service.settleOrderPoints({ account_id: acc, order_id: "order_6", target: 100, reason: "Workflow compensation", metadata: { compensation: true } })
        expect(undo.change).toMatchObject({ balance: 30, points_owed: 0 })
        expect((await service.retrieveLoyaltyAccount(acc)).lifetime_earned).toBe(lifetime)
        await expectConsistent(acc, 30)
        expect(await service.retrieveOrderPointsState("order_6")).toMatchObject({ net: 100, earned: 100, taken_back: 0 })
      })
    })

    describe("idempotency", () => {
      it("writes a credit once per key and replays the same entry", async () => {
        const acc = await newAccount()
        const first = await earn(acc, 40, "order:o1:earn")
        const second = await earn(acc, 40, "order:o1:earn")
        expect(first.created).toBe(true)
        expect(second.created).toBe(false)
        expect(second.entry.id).toBe(first.entry.id)
        expect(second.balance).toBe(40)
        expect(await entries(acc)).toHaveLength(1)
        expect(await lots(acc)).toHaveLength(1)
        await expectConsistent(acc, 40)
      })

      it("writes a debit once per key", async () => {
        const acc = await newAccount()
        await earn(acc, 100, "earn:1")
        const first = await redeem(acc, 30, "redeem:1")
        const second = await redeem(acc, 30, "redeem:1")
        expect(second).toMatchObject({ created: false, balance: 70 })
        expect(second.entry.id).toBe(first.entry.id)
        expect((await entries(acc)).filter((e) => e.type === "redeem")).toHaveLength(1)
        await expectConsistent(acc, 70)
      })

      it("frees a key whose entry a workflow compensation undid: the retry writes again, then replays", async () => {
        const acc = await newAccount()
        await earn(acc, 100, "earn:1")
        const first = await redeem(acc, 30, "redeem:retry")
        const undo = await service.reverseEntry({
          entry_id: first.entry.id,
          idempotency_key: `compensate:${first.entry.id}`,
          source_type: "job",
        })
        expect(undo).toMatchObject({ created: true, balance: 100 })

        const retry = await redeem(acc, 30, "redeem:retry")
        expect(retry).toMatchObject({ created: true, balance: 70 })
        expect(retry.entry.idempotency_key).toBe(`redeem:retry:after:${undo!.entry.id}`)
        const again = await redeem(acc, 30, "redeem:retry")
        expect(again).toMatchObject({ created: false, balance: 70 })
        expect(again.entry.id).toBe(retry.entry.id)
        expect((await service.retrieveLiveEntryByKey("redeem:retry"))?.id).toBe(retry.entry.id)

        // An ordinary reversal (not a compensation) keeps the key used.
        await service.reverseEntry({ entry_id: retry.entry.id, idempotency_key: "refund:1", source_type: "admin" })
        expect(await redeem(acc, 30, "redeem:retry")).toMatchObject({ created: false, balance: 100 })
        await expectConsistent(acc, 100)
      })

      it("refuses a key already used on another account with CONFLICT", async () => {
        const a = await newAccount("cus_a")
        const b = await newAccount("cus_b")
        await earn(a, 10, "shared-key")
        const credit = await rejection(earn(b, 10, "shared-key"))
        expect(credit.type).toBe(MedusaError.Types.CONFLICT)
        expect(credit.message).toContain("shared-key")
        const debit = await rejection(redeem(b, 1, "shared-key"))
        expect(debit.type).toBe(MedusaError.Types.CONFLICT)
        expect(await entries(b)).toHaveLength(0)
        await expectConsistent(a, 10)
        await expectConsistent(b, 0)
      })

      it("reverses an entry once, whatever key the second attempt carries", async () => {
        const acc = await newAccount()
        await earn(acc, 100, "earn:1")
        const debit = await redeem(acc, 60, "redeem:1")
        const first = await service.reverseEntry({ entry_id: debit.entry.id, idempotency_key: "rev:a", source_type: "admin" })
        const again = await service.reverseEntry({ entry_id: debit.entry.id, idempotency_key: "rev:b", source_type: "admin" })
        const sameKey = await service.reverseEntry({ entry_id: debit.entry.id, idempotency_key: "rev:a", source_type: "admin" })
        expect(first).toMatchObject({ created: true, balance: 100 })
        expect(again).toMatchObject({ created: false, balance: 100 })
        expect(sameKey).toMatchObject({ created: false, balance: 100 })
        expect(again!.entry.id).toBe(first!.entry.id)
        expect(sameKey!.entry.id).toBe(first!.entry.id)
        expect((await entries(acc)).filter((e) => e.reverses_entry_id === debit.entry.id)).toHaveLength(1)
        await expectConsistent(acc, 100)

        const earnEntry = (await entries(acc))[0]
        await service.reverseEntry({ entry_id: earnEntry.id, idempotency_key: "rev:earn:a", source_type: "return" })
        await service.reverseEntry({ entry_id: earnEntry.id, idempotency_key: "rev:earn:b", source_type: "return" })
        await expectConsistent(acc, 0)
      })

      it("reports an unknown entry or account as NOT_FOUND", async () => {
        const rev = await rejection(
          service.reverseEntry({ entry_id: "lent_missing", idempotency_key: "rev:x", source_type: "admin" })
        )
        expect(rev.type).toBe(MedusaError.Types.NOT_FOUND)
        const credit = await rejection(earn("lacct_missing", 5, "earn:x"))
        expect(credit.type).toBe(MedusaError.Types.NOT_FOUND)
        expect(credit.message).toContain("lacct_missing")
      })
    })

    describe("lots", () => {
      it("consumes lots oldest expiry first, lots without expiry last, and records the allocation", async () => {
        const acc = await newAccount()
        const a = await earn(acc, 10, "earn:a", inDays(30))
        const b = await earn(acc, 10, "earn:b", inDays(10))
        const c = await earn(acc, 10, "earn:c", null)
        const d = await earn(acc, 10, "earn:d", inDays(20))
        const lotOf = async (entryId: string) => (await lots(acc)).find((l) => l.entry_id === entryId)!.id

        const first = await redeem(acc, 25, "redeem:1")
        expect(first.entry.lot_allocations).toEqual([
          { lot_id: await lotOf(b.entry.id), points: 10 },
          { lot_id: await lotOf(d.entry.id), points: 10 },
          { lot_id: await lotOf(a.entry.id), points: 5 },
        ])
        expect(await remainingByEntry(acc)).toEqual({
          [a.entry.id]: 5,
          [b.entry.id]: 0,
          [c.entry.id]: 10,
          [d.entry.id]: 0,
        })
        const [stored] = await service.listLoyaltyLedgerEntries({ id: first.entry.id })
        expect(stored.lot_allocations).toEqual(first.entry.lot_allocations)

        const second = await redeem(acc, 10, "redeem:2")
        expect(second.entry.lot_allocations).toEqual([
          { lot_id: await lotOf(a.entry.id), points: 5 },
          { lot_id: await lotOf(c.entry.id), points: 5 },
        ])

        // Giving the first debit back restores exactly the lots it consumed.
        const released = await service.reverseEntry({
          entry_id: first.entry.id,
          type: "release",
          idempotency_key: "release:1",
          source_type: "redemption",
        })
        expect(released!.entry).toMatchObject({ type: "release", points: 25, reverses_entry_id: first.entry.id })
        expect(released!.entry.lot_allocations).toEqual(first.entry.lot_allocations)
        expect(await remainingByEntry(acc)).toEqual({
          [a.entry.id]: 5,
          [b.entry.id]: 10,
          [c.entry.id]: 5,
          [d.entry.id]: 10,
        })
        await expectConsistent(acc, 30)
      })

      it("takes back a reversed earn from its own lot first", async () => {
        const acc = await newAccount()
        const soon = await earn(acc, 50, "earn:soon", inDays(3))
        const late = await earn(acc, 100, "earn:late", null)
        const rev = await service.reverseEntry({ entry_id: late.entry.id, idempotency_key: "rev:late", source_type: "return" })
        expect(rev!.entry).toMatchObject({ points: -100, shortfall: 0 })
        expect(await remainingByEntry(acc)).toEqual({ [soon.entry.id]: 50, [late.entry.id]: 0 })
        expect((await service.retrieveLoyaltyAccount(acc)).lifetime_earned).toBe(50)
        await expectConsistent(acc, 50)
      })

      it("takes back only what the balance allows when part of a reversed earn was spent", async () => {
        const acc = await newAccount()
        const e = await earn(acc, 100, "earn:1")
        expect((await service.retrieveLoyaltyAccount(acc)).lifetime_earned).toBe(100)
        await redeem(acc, 80, "redeem:1")
        const rev = await service.reverseEntry({ entry_id: e.entry.id, idempotency_key: "rev:1", source_type: "return" })
        expect(rev).toMatchObject({ created: true, balance: 0, points_owed: 80 })
        expect(rev!.entry).toMatchObject({ type: "reverse", points: -20, shortfall: 80, balance_after: 0 })
        expect(rev!.debt).toMatchObject({ type: "debt", owed_change: 80, idempotency_key: "rev:1:debt" })
        const account = await service.retrieveLoyaltyAccount(acc)
        expect(account.lifetime_earned).toBe(0)
        await expectConsistent(acc, 0, 80)

        // Nothing left to take: a later reversal of another earn takes 0 and owes it all.
        const e2 = await earn(acc, 30, "earn:2")
        // The earn paid 30 of the debt at once: nothing to spend.
        expect(e2).toMatchObject({ balance: 0, points_owed: 50 })
        const rev2 = await service.reverseEntry({ entry_id: e2.entry.id, idempotency_key: "rev:2", source_type: "return" })
        expect(rev2!.entry).toMatchObject({ points: 0, shortfall: 30, balance_after: 0 })
        await expectConsistent(acc, 0, 80)
      })
    })

    describe("expiry", () => {
      it("a lot a release refilled after it expired expires again, even in the same run of the clock", async () => {
        const acc = await newAccount("cus_expire_twice")
        await earn(acc, 100, "earn:expire-twice", inDays(10))
        const held = await service.debitPoints({ account_id: acc, type: "reserve", points: 40, source_type: "redemption", idempotency_key: "reserve:expire-twice" })
        const later = inDays(20)
        expect((await service.expireDueLots(acc, later)).map((r) => r.entry.points)).toEqual([-60])
        await service.reverseEntry({ entry_id: held.entry.id, type: "release", idempotency_key: "release:expire-twice", source_type: "redemption" })
        await expectConsistent(acc, 40)
        const again = await service.expireDueLots(acc, later)
        expect(again.map((r) => [r.entry.points, r.entry.idempotency_key])).toEqual([[-40, expect.stringMatching(/^expire:llot_\w+:2$/)]])
        await expectConsistent(acc, 0)
      })

      it("expires due lots with an expire entry, once", async () => {
        const acc = await newAccount()
        const stale = await earn(acc, 50, "earn:stale", new Date(Date.now() - 60 * 60 * 1000))
        await earn(acc, 20, "earn:fresh", inDays(30))
        const other = await newAccount("cus_other")
        await earn(other, 5, "earn:other", inDays(1))

        expect(await service.listAccountIdsWithDueLots()).toEqual([acc])

        const results = await service.expireDueLots(acc)
        expect(results).toHaveLength(1)
        expect(results[0]).toMatchObject({ created: true, balance: 20 })
        expect(results[0].entry).toMatchObject({ type: "expire", points: -50, source_type: "job" })
        expect(await remainingByEntry(acc)).toMatchObject({ [stale.entry.id]: 0 })
        await expectConsistent(acc, 20)

        expect(await service.expireDueLots(acc)).toEqual([])
        expect(await service.listAccountIdsWithDueLots()).toEqual([])
        await expectConsistent(acc, 20)

        // `now` decides what is due: in 31 days the fresh lot (and the other account's) is due too.
        expect((await service.listAccountIdsWithDueLots(inDays(31))).sort()).toEqual([acc, other].sort())
        const later = await service.expireDueLots(acc, inDays(31))
        expect(later.map((r) => r.entry.points)).toEqual([-20])
        await expectConsistent(acc, 0)
      })

      it("never lets expired points be spent, even before the expiry job ran", async () => {
        const acc = await newAccount()
        const stale = await earn(acc, 50, "earn:stale", new Date(Date.now() - 60 * 1000))
        const fresh = await earn(acc, 20, "earn:fresh", null)
        expect((await service.retrieveLoyaltyAccount(acc)).balance).toBe(70)
        const before = await snapshot(acc)

        const err = await rejection(redeem(acc, 30, "redeem:1"))
        expect(err.type).toBe(MedusaError.Types.NOT_ALLOWED)
        expect(err.message).toContain("balance 20")
        expect(await snapshot(acc)).toEqual(before)

        const ok = await redeem(acc, 20, "redeem:2")
        expect(ok.balance).toBe(0)
        const freshLot = (await lots(acc)).find((l) => l.entry_id === fresh.entry.id)!
        expect(ok.entry.lot_allocations).toEqual([{ lot_id: freshLot.id, points: 20 }])
        expect((await entries(acc)).map((e) => [e.type, e.points])).toEqual(
          expect.arrayContaining([
            ["expire", -50],
            ["redeem", -20],
          ])
        )
        expect(await remainingByEntry(acc)).toEqual({ [stale.entry.id]: 0, [fresh.entry.id]: 0 })
        await expectConsistent(acc, 0)
      })
    })

    describe("program", () => {
      it("credits the welcome bonus once per account", async () => {
        const program = await service.getOrCreateDefaultProgram()
        await service.updateLoyaltyPrograms({ id: program.id, welcome_bonus_points: 25 })
        const first = await service.enroll({ program_id: program.id, customer_id: "cus_w", actor: { customer_id: "cus_w" } })
        const second = await service.enroll({ program_id: program.id, customer_id: "cus_w" })
        expect(first.created).toBe(true)
        expect(first.welcome_bonus?.entry).toMatchObject({
          type: "welcome_bonus",
          points: 25,
          source_type: "enrollment",
          actor_customer_id: "cus_w",
        })
        expect(second).toEqual({ account_id: first.account_id, created: false, welcome_bonus: null, referral: null })
        expect((await entries(first.account_id)).filter((e) => e.type === "welcome_bonus")).toHaveLength(1)
        const account = await service.retrieveLoyaltyAccount(first.account_id)
        expect(account).toMatchObject({ balance: 25, lifetime_earned: 25, customer_id: "cus_w", status: "active" })
        expect(isValidCardNumber(account.card_number)).toBe(true)
        expect(account.card_number).toMatch(/^9\d{15}$/)
        await expectConsistent(first.account_id, 25)
      })

      it("writes no bonus entry when the program has none", async () => {
        const program = await service.getOrCreateDefaultProgram()
        const { welcome_bonus, account_id } = await service.enroll({ program_id: program.id, customer_id: "cus_1" })
        expect(welcome_bonus).toBeNull()
        expect(await entries(account_id)).toEqual([])
      })

      it("refuses to enroll in an unknown program", async () => {
        const err = await rejection(service.enroll({ program_id: "lprog_missing", customer_id: "cus_1" }))
        expect(err.type).toBe(MedusaError.Types.NOT_FOUND)
      })

      it("sets lot expiry from the program's validity months unless the credit says otherwise", async () => {
        const program = await service.getOrCreateDefaultProgram()
        await service.updateLoyaltyPrograms({ id: program.id, points_validity_months: 12 })
        const acc = await newAccount()
        const lower = new Date()
        lower.setUTCMonth(lower.getUTCMonth() + 12)
        const defaulted = await earn(acc, 10, "earn:default")
        const upper = new Date()
        upper.setUTCMonth(upper.getUTCMonth() + 12)
        const explicit = inDays(3)
        const dated = await earn(acc, 10, "earn:dated", explicit)
        const never = await earn(acc, 10, "earn:never", null)

        const byEntry = Object.fromEntries((await lots(acc)).map((l) => [l.entry_id, l.expires_at]))
        const defaultedExpiry = new Date(byEntry[defaulted.entry.id]!).getTime()
        expect(defaultedExpiry).toBeGreaterThanOrEqual(lower.getTime())
        expect(defaultedExpiry).toBeLessThanOrEqual(upper.getTime())
        expect(new Date(byEntry[dated.entry.id]!).getTime()).toBe(explicit.getTime())
        expect(byEntry[never.entry.id]).toBeNull()
      })
    })

    describe("concurrency", () => {
      it("lets exactly as many parallel debits through as the balance covers", async () => {
        const acc = await newAccount()
        // Several lots, so parallel debits also compete for the same lots.
        await earn(acc, 40, "earn:1")
        await earn(acc, 35, "earn:2")
        await earn(acc, 25, "earn:3")

        const results = await times(25, (i) => redeem(acc, 10, `redeem:${i}`))

        const ok = fulfilled(results)
        const refused = rejected(results)
        expect(ok).toHaveLength(10)
        expect(refused).toHaveLength(15)
        for (const err of refused) {
          expect(err.type).toBe(MedusaError.Types.NOT_ALLOWED)
          expect(err.message).toMatch(/^Not enough points: balance \d+, 10 requested$/)
        }
        // Each successful debit saw the balance its predecessor left: 90, 80, ..., 0.
        expect(ok.map((r) => r.balance).sort((a, b) => a - b)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90])
        expect((await entries(acc)).filter((e) => e.type === "redeem")).toHaveLength(10)
        await expectConsistent(acc, 0)
        expect((await service.rebuildBalances()).drift).toEqual([])
      })

      it("keeps two accounts apart when both are debited in parallel", async () => {
        const a = await newAccount("cus_a")
        const b = await newAccount("cus_b")
        await earn(a, 50, "earn:a")
        await earn(b, 30, "earn:b")
        const results = await times(20, (i) => redeem(i % 2 ? a : b, 10, `redeem:${i}`))
        expect(fulfilled(results)).toHaveLength(8)
        await expectConsistent(a, 0)
        await expectConsistent(b, 0)
      })

      it("enrolls a customer once when enrollments race", async () => {
        const program = await service.getOrCreateDefaultProgram()
        await service.updateLoyaltyPrograms({ id: program.id, welcome_bonus_points: 50 })
        const results = await times(10, () => service.enroll({ program_id: program.id, customer_id: "cus_race" }))

        const ok = fulfilled(results)
        expect(rejected(results)).toEqual([])
        expect(new Set(ok.map((r) => r.account_id)).size).toBe(1)
        expect(ok.filter((r) => r.created)).toHaveLength(1)
        expect(ok.filter((r) => r.welcome_bonus)).toHaveLength(1)

        const accounts = await service.listLoyaltyAccounts({ customer_id: "cus_race" })
        expect(accounts).toHaveLength(1)
        await expectConsistent(accounts[0].id, 50)
      })

      it("writes one entry when credits with the same key race", async () => {
        const acc = await newAccount()
        const results = await times(10, () => earn(acc, 70, "order:o1:earn"))

        const ok = fulfilled(results)
        expect(rejected(results)).toEqual([])
        expect(ok.filter((r) => r.created)).toHaveLength(1)
        expect(new Set(ok.map((r) => r.entry.id)).size).toBe(1)
        expect(ok.every((r) => r.balance === 70)).toBe(true)
        expect(await service.listAndCountLoyaltyLedgerEntries({ account_id: acc })).toEqual([expect.any(Array), 1])
        await expectConsistent(acc, 70)
        expect((await service.retrieveLoyaltyAccount(acc)).lifetime_earned).toBe(70)
      })

      it("writes one entry when credits with the same key race on different accounts", async () => {
        const accounts = [await newAccount("cus_a"), await newAccount("cus_b"), await newAccount("cus_c")]
        // The account locks differ, so only the UNIQUE index can stop the second write.
        const results = await Promise.allSettled(accounts.map((acc) => earn(acc, 5, "shared-key")))
        const ok = fulfilled(results)
        expect(ok).toHaveLength(1)
        expect(rejected(results)).toHaveLength(2)
        const [{ n }] = await sql<{ n: number }>(
          `select count(*)::int as n from loyalty_ledger_entry where idempotency_key = 'shared-key'`
        )
        expect(n).toBe(1)
        for (const acc of accounts) {
          await expectConsistent(acc, acc === ok[0].entry.account_id ? 5 : 0)
        }
      })

      it("reverses an entry once when reversals with different keys race", async () => {
        const acc = await newAccount()
        await earn(acc, 100, "earn:1")
        const debit = await redeem(acc, 60, "redeem:1")
        const results = await times(8, (i) =>
          service.reverseEntry({ entry_id: debit.entry.id, idempotency_key: `rev:${i}`, source_type: "admin" })
        )
        const ok = fulfilled(results)
        expect(rejected(results)).toEqual([])
        expect(ok.filter((r) => r!.created)).toHaveLength(1)
        expect(new Set(ok.map((r) => r!.entry.id)).size).toBe(1)
        await expectConsistent(acc, 100)
      })

      it("creates one default program when callers race", async () => {
        const results = await times(5, () => service.getOrCreateDefaultProgram())
        const ok = fulfilled(results)
        expect(ok).toHaveLength(5)
        expect(new Set(ok.map((p) => p.id)).size).toBe(1)
        expect(ok[0]).toMatchObject({ name: "Rewards", status: "active", earn_rates: { eur: { points: 1, amount: 1 } } })
        const [{ n }] = await sql<{ n: number }>(`select count(*)::int as n from loyalty_program`)
        expect(n).toBe(1)
        expect((await service.getOrCreateDefaultProgram()).id).toBe(ok[0].id)
      })
    })

    describe("public surface", () => {
      it("refuses the generated writers of entries, lots, redemptions, notices and account balances; reads still work", async () => {
        const acc = await newAccount("cus_surface")
        const refusedCalls: [string, () => Promise<unknown>][] = [
          ["createLoyaltyLedgerEntries", () => (service as any).createLoyaltyLedgerEntries({ account_id: acc, type: "earn", points: 1000 })],
          ["updateLoyaltyLedgerEntries", () => (service as any).updateLoyaltyLedgerEntries({ id: "lent_1", points: 1000 })],
          ["deleteLoyaltyLedgerEntries", () => (service as any).deleteLoyaltyLedgerEntries(["lent_1"])],
          ["softDeleteLoyaltyLedgerEntries", () => (service as any).softDeleteLoyaltyLedgerEntries(["lent_1"])],
          ["restoreLoyaltyLedgerEntries", () => (service as any).restoreLoyaltyLedgerEntries(["lent_1"])],
          ["createLoyaltyPointLots", () => (service as any).createLoyaltyPointLots({ account_id: acc, points: 1000, remaining: 1000 })],
          ["updateLoyaltyPointLots", () => (service as any).updateLoyaltyPointLots({ id: "llot_1", remaining: 1000 })],
          ["deleteLoyaltyPointLots", () => (service as any).deleteLoyaltyPointLots(["llot_1"])],
          ["softDeleteLoyaltyPointLots", () => (service as any).softDeleteLoyaltyPointLots(["llot_1"])],
          ["restoreLoyaltyPointLots", () => (service as any).restoreLoyaltyPointLots(["llot_1"])],
          ["createLoyaltyRedemptions", () => (service as any).createLoyaltyRedemptions({ account_id: acc })],
          ["updateLoyaltyRedemptions", () => (service as any).updateLoyaltyRedemptions({ id: "lrdm_1", status: "released" })],
          ["deleteLoyaltyRedemptions", () => (service as any).deleteLoyaltyRedemptions(["lrdm_1"])],
          ["softDeleteLoyaltyRedemptions", () => (service as any).softDeleteLoyaltyRedemptions(["lrdm_1"])],
          ["restoreLoyaltyRedemptions", () => (service as any).restoreLoyaltyRedemptions(["lrdm_1"])],
          ["createLoyaltyRewardReadyNotices", () => (service as any).createLoyaltyRewardReadyNotices({})],
          ["updateLoyaltyRewardReadyNotices", () => (service as any).updateLoyaltyRewardReadyNotices({})],
          ["deleteLoyaltyRewardReadyNotices", () => (service as any).deleteLoyaltyRewardReadyNotices([])],
          ["createLoyaltyAccounts", () => (service as any).createLoyaltyAccounts({ customer_id: "cus_x", balance: 1000 })],
          ["deleteLoyaltyAccounts", () => (service as any).deleteLoyaltyAccounts([acc])],
          ["softDeleteLoyaltyAccounts", () => (service as any).softDeleteLoyaltyAccounts([acc])],
        ]
        for (const [name, call] of refusedCalls) {
          const error = await rejection(call())
          expect([name, error.type]).toEqual([name, MedusaError.Types.NOT_ALLOWED])
          expect(error.message).toContain(`LoyaltyModuleService.${name} is not available`)
        }
        for (const fields of [{ balance: 1000 }, { points_owed: 0 }, { lifetime_earned: 5 }]) {
          const error = await rejection(service.updateLoyaltyAccounts({ id: acc, ...fields } as any))
          expect(error.type).toBe(MedusaError.Types.NOT_ALLOWED)
          expect(error.message).toContain(`updateLoyaltyAccounts with ${Object.keys(fields)[0]} is not available`)
        }
        await expectConsistent(acc, 0)
        // What an account may change still changes; reads are untouched.
        await service.updateLoyaltyAccounts({ id: acc, status: "blocked", locale: "fr" } as any)
        expect(await service.retrieveLoyaltyAccount(acc)).toMatchObject({ status: "blocked", locale: "fr", balance: 0 })
        expect(await service.listLoyaltyLedgerEntries({ account_id: acc })).toEqual([])
      })
    })

    describe("rebuildBalances", () => {
      it("--fix repairs under the account lock: a change that lands while it waits is not overwritten", async () => {
        const a = await newAccount("cus_fix_lock")
        const credit = await earn(a, 100, "earn:fix-lock")
        await sql(`update loyalty_account set balance = 999 where id = ?`, [a])
        // Another change holds the account and credits 10 (written as the ledger writes it).
        const knex = (MikroOrmWrapper.forkManager() as any).getKnex()
        const trx = await knex.transaction()
        await trx.raw("select id from loyalty_account where id = ? for update", [a])
        await trx.raw(
          `insert into loyalty_ledger_entry (id, account_id, type, points, balance_after, source_type, idempotency_key, earned_change)
           values ('lent_fix_lock', ?, 'earn', 10, 110, 'order', 'earn:fix-lock-2', 10)`,
          [a]
        )
        await trx.raw(`insert into loyalty_point_lot (id, account_id, entry_id, points, remaining) values ('llot_fix_lock', ?, 'lent_fix_lock', 10, 10)`, [a])
        await trx.raw(`update loyalty_account set balance = 110, lifetime_earned = 110 where id = ?`, [a])
        // The report reads 100 while the change is not committed; the repair then waits for the lock.
        const fixing = service.rebuildBalances({ fix: true })
        await new Promise((r) => setTimeout(r, 500))
        await trx.commit()
        const fixed = await fixing
        expect(fixed.drift.map((d) => [d.account_id, d.ledger_balance])).toEqual([[a, 100]])
        // Re-read under the lock: 110, not the 100 read before it.
        await expectConsistent(a, 110)
        expect(credit.balance).toBe(100)
      })

      it("reports drift of the cached balance and of the lots, and fixes the cache from the ledger", async () => {
        const a = await newAccount("cus_a")
        const b = await newAccount("cus_b")
        const c = await newAccount("cus_c")
        await earn(a, 100, "earn:a")
        const eb = await earn(b, 60, "earn:b")
        await earn(c, 10, "earn:c")
        expect(await service.rebuildBalances()).toEqual({ accounts_checked: 3, drift: [], fixed: false, unrepairable: [] })

        await redeem(b, 10, "redeem:b")
        const [lotB] = await lots(b)
        await sql(`update loyalty_account set balance = 999, points_owed = 0, lifetime_earned = 7 where id = ?`, [a])
        await sql(`update loyalty_point_lot set remaining = 45 where entry_id = ?`, [eb.entry.id])

        const report = await service.rebuildBalances()
        expect(report.accounts_checked).toBe(3)
        expect(report.fixed).toBe(false)
        expect(report.drift).toEqual(
          expect.arrayContaining([
            {
              account_id: a, cached_balance: 999, ledger_balance: 100, lot_balance: 100,
              cached_points_owed: 0, ledger_points_owed: 0, cached_lifetime_earned: 7, ledger_lifetime_earned: 100, lots: [],
            },
            {
              account_id: b, cached_balance: 50, ledger_balance: 50, lot_balance: 45,
              cached_points_owed: 0, ledger_points_owed: 0, cached_lifetime_earned: 60, ledger_lifetime_earned: 60,
              // 60 given, 10 taken by the redeem: the entries say 50.
              lots: [{ lot_id: lotB.id, remaining: 45, expected: 50 }],
            },
          ])
        )
        expect(report.drift).toHaveLength(2)
        // Reporting alone changes nothing.
        expect((await service.retrieveLoyaltyAccount(a)).balance).toBe(999)

        // --fix repairs the caches and the lots from the entries.
        const fixed = await service.rebuildBalances({ fix: true })
        expect(fixed).toMatchObject({ fixed: true, unrepairable: [] })
        expect(await service.retrieveLoyaltyAccount(a)).toMatchObject({ balance: 100, lifetime_earned: 100 })
        await expectConsistent(a, 100)
        await expectConsistent(b, 50)
        expect(await service.rebuildBalances()).toEqual({ accounts_checked: 3, drift: [], fixed: false, unrepairable: [] })

        // A lot the entries cannot explain is reported, never written.
        await sql(`alter table loyalty_ledger_entry disable trigger loyalty_ledger_entry_append_only`)
        await sql(`update loyalty_ledger_entry set lot_allocations = ?::jsonb where idempotency_key = 'redeem:b'`, [JSON.stringify([{ lot_id: lotB.id, points: 70 }])])
        await sql(`alter table loyalty_ledger_entry enable trigger loyalty_ledger_entry_append_only`)
        const broken = await service.rebuildBalances({ fix: true })
        expect(broken.unrepairable).toEqual([{ account_id: b, problem: `lot ${lotB.id}: its entries say it holds -10 of 60 points` }])
        expect((await lots(b))[0].remaining).toBe(50)
      })
    })
  },
})
