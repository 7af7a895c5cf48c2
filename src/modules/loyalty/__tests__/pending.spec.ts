import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import path from "node:path"
import { LOYALTY_MODULE } from ".."
import { addMonths } from "../lib/ledger/expiry-store"
import { COMPENSATION_KEY_PREFIX } from "../types"
import type LoyaltyModuleService from "../service"

jest.setTimeout(60_000)

const DAY = 86_400_000
const PLACED = new Date("2026-03-02T10:00:00.000Z")
const at = (days: number) => new Date(PLACED.getTime() + days * DAY)
const AVAILABLE = at(14)

/**
 * The program's pending period on the ledger: an order's points pending (not spendable, no lot)
 * until placement + pending_days, clawbacks during the period taken from pending only, one
 * `mature` entry once it is over (lot, validity from then, debt paid first), settles after it
 * maturing first, and every figure equal to the entries (rebuildBalances).
 */
moduleIntegrationTestRunner<LoyaltyModuleService>({
  moduleName: LOYALTY_MODULE,
  resolve: path.join(__dirname, ".."),
  pathToMigrations: path.join(__dirname, "..", "migrations"),
  dbName: `medusa-loyalty-pending-${process.env.JEST_WORKER_ID ?? "1"}`,
  testSuite: ({ service, MikroOrmWrapper }) => {
    const sql = async <T = Record<string, any>>(query: string, params: unknown[] = []): Promise<T[]> =>
      (await MikroOrmWrapper.forkManager().getConnection().execute(query, params as any[])) as T[]

    let seq = 0
    async function account() {
      const program = await service.getOrCreateDefaultProgram()
      await service.updateLoyaltyPrograms({ id: program.id, welcome_bonus_points: 0, points_validity_months: 12 } as any)
      const { account_id } = await service.enroll({ program_id: program.id, customer_id: `cus_pending_${++seq}` })
      return account_id
    }

    const figures = async (id: string) => {
      const a = (await service.listLoyaltyAccounts({ id }))[0] as any
      return { balance: a.balance, pending: a.points_pending, owed: a.points_owed, lifetime: a.lifetime_earned }
    }
    const lotsOf = (id: string) => sql<{ entry_id: string; points: number; remaining: number; expires_at: Date | null }>(`select entry_id, points, remaining, expires_at from loyalty_point_lot where account_id = ? order by created_at`, [id])
    const noDrift = async () => expect((await service.rebuildBalances()).drift).toEqual([])

    /** The coordinator's call: bring the order to `target`, under a 14-day period from PLACED, at `now`. */
    const settle = (account_id: string, order_id: string, target: number, now: Date, extra: Record<string, unknown> = {}) =>
      service.settleOrderPoints({
        account_id,
        order_id,
        target,
        reason: `Order ${order_id}`,
        earn_metadata: { display_id: 7, earning_basis: { amount: String(target) } },
        available_at: AVAILABLE,
        now,
        ...extra,
      })

    it("an order's points are pending: no balance, no lot, not spendable; the entry keeps the date", async () => {
      const acc = await account()
      const placed = await settle(acc, "order_p1", 120, at(0))
      expect(placed.change!.entry).toMatchObject({ type: "earn", points: 0, pending_change: 120, earned_change: 0, idempotency_key: "earn:order:order_p1" })
      expect(placed.change!.entry.metadata).toMatchObject({ available_at: AVAILABLE.toISOString(), display_id: 7 })
      expect(await figures(acc)).toEqual({ balance: 0, pending: 120, owed: 0, lifetime: 0 })
      expect(await lotsOf(acc)).toEqual([])
      await expect(
        service.debitPoints({ account_id: acc, type: "redeem", points: 1, source_type: "admin", idempotency_key: "spend:p1", reason: "try" })
      ).rejects.toThrow("Not enough points: balance 0, 1 requested")
      const state = await service.retrieveOrderPointsState("order_p1")
      expect(state).toMatchObject({ net: 120, pending: 120, available_at: AVAILABLE.toISOString() })
      expect(await service.listPendingPoints(acc)).toEqual([{ account_id: acc, order_id: "order_p1", points: 120, available_at: AVAILABLE }])
      // Settling again to the same target writes nothing.
      expect((await settle(acc, "order_p1", 120, at(1))).change).toBeNull()
      await noDrift()
    })

    it("during the period a return takes its share from pending and a cancel the rest; the balance is never touched", async () => {
      const acc = await account()
      await service.creditPoints({ account_id: acc, type: "adjust", points: 30, source_type: "admin", idempotency_key: `seed:${acc}`, reason: "own points" })
      await settle(acc, "order_p2", 100, at(0))
      const returned = await settle(acc, "order_p2", 60, at(3))
      expect(returned.change!.entry).toMatchObject({ type: "reverse", points: 0, pending_change: -40, shortfall: 0, earned_change: 0 })
      expect(await figures(acc)).toEqual({ balance: 30, pending: 60, owed: 0, lifetime: 0 })
      const canceled = await settle(acc, "order_p2", 0, at(5))
      expect(canceled.change!.entry).toMatchObject({ type: "reverse", points: 0, pending_change: -60 })
      expect(await figures(acc)).toEqual({ balance: 30, pending: 0, owed: 0, lifetime: 0 })
      expect(await service.listPendingPoints(acc)).toEqual([])
      // Nothing left to mature, on the day or after it.
      expect(await service.maturePendingOrderPoints({ account_id: acc, order_id: "order_p2", now: at(20) })).toBeNull()
      // A compensation that settles back up during the period goes back to pending, with the order's date.
      const back = await settle(acc, "order_p2", 60, at(6), { available_at: at(99) })
      expect(back.change!.entry).toMatchObject({ type: "earn", points: 0, pending_change: 60 })
      expect(back.change!.entry.metadata).toMatchObject({ available_at: AVAILABLE.toISOString() })
      await noDrift()
    })

    it("matures on the day, once: a lot valid from then, lifetime points, listed as due only then", async () => {
      const acc = await account()
      await settle(acc, "order_p3", 80, at(0))
      expect(await service.listDuePendingOrders(at(13), 100)).toEqual([])
      expect(await service.maturePendingOrderPoints({ account_id: acc, order_id: "order_p3", now: at(13.99) })).toBeNull()
      expect((await service.listDuePendingOrders(at(14), 100)).map((d) => [d.order_id, d.points])).toEqual([["order_p3", 80]])

      const matured = await service.maturePendingOrderPoints({ account_id: acc, order_id: "order_p3", now: at(14) })
      expect(matured!.entry).toMatchObject({ type: "mature", points: 80, pending_change: -80, earned_change: 80, idempotency_key: "mature:order:order_p3", source_type: "order", source_id: "order_p3" })
      expect(matured!.entry.reason).toBe("Order #7: pending points now available")
      expect(await figures(acc)).toEqual({ balance: 80, pending: 0, owed: 0, lifetime: 80 })
      const [lot] = await lotsOf(acc)
      expect(lot).toMatchObject({ entry_id: matured!.entry.id, points: 80, remaining: 80 })
      expect(new Date(lot.expires_at!).toISOString()).toBe(addMonths(at(14), 12).toISOString())
      expect(await service.maturePendingOrderPoints({ account_id: acc, order_id: "order_p3", now: at(15) })).toBeNull()
      expect(await service.listDuePendingOrders(at(30), 100)).toEqual([])
      expect((await service.retrieveOrderPointsState("order_p3")).net).toBe(80)
      await noDrift()
    })

    it("a settle that finds the period over matures first, then moves the balance; after maturation returns claw back as before", async () => {
      const acc = await account()
      await settle(acc, "order_p4", 100, at(0))
      // A return received on day 15, before the job ran.
      const late = await settle(acc, "order_p4", 70, at(15))
      expect(late.matured!.entry).toMatchObject({ type: "mature", points: 100, pending_change: -100 })
      expect(late.change!.entry).toMatchObject({ type: "reverse", points: -30, pending_change: 0, earned_change: -30 })
      expect(await figures(acc)).toEqual({ balance: 70, pending: 0, owed: 0, lifetime: 70 })
      // Matured: a later change takes from the balance even when its clock is inside the period.
      const more = await settle(acc, "order_p4", 50, at(2))
      expect(more.matured).toBeNull()
      expect(more.change!.entry).toMatchObject({ type: "reverse", points: -20, pending_change: 0 })
      expect(await figures(acc)).toEqual({ balance: 50, pending: 0, owed: 0, lifetime: 50 })
      await noDrift()
    })

    it("maturation pays what the account owes first, like every credit", async () => {
      const acc = await account()
      // 50 spendable points of an order without a period, spent, then the order canceled: 50 owed.
      await settle(acc, "order_owe", 50, at(0), { available_at: null })
      await service.debitPoints({ account_id: acc, type: "redeem", points: 50, source_type: "admin", idempotency_key: `spend:${acc}`, reason: "spent" })
      await settle(acc, "order_owe", 0, at(1))
      expect(await figures(acc)).toEqual({ balance: 0, pending: 0, owed: 50, lifetime: 0 })
      await settle(acc, "order_p5", 80, at(0))
      expect(await figures(acc)).toEqual({ balance: 0, pending: 80, owed: 50, lifetime: 0 })
      const matured = await service.maturePendingOrderPoints({ account_id: acc, order_id: "order_p5", now: at(14) })
      expect(matured).toMatchObject({ balance: 30, points_owed: 0 })
      expect(matured!.debt).toMatchObject({ type: "debt_paid", points: -50, owed_change: -50 })
      expect(await figures(acc)).toEqual({ balance: 30, pending: 0, owed: 0, lifetime: 80 })
      await noDrift()
    })

    it("an undone maturation goes back to pending, and the key lets the next one write again", async () => {
      const acc = await account()
      await settle(acc, "order_p6", 40, at(0))
      const first = await service.maturePendingOrderPoints({ account_id: acc, order_id: "order_p6", now: at(14) })
      await service.reverseEntry({ entry_id: first!.entry.id, idempotency_key: `${COMPENSATION_KEY_PREFIX}${first!.entry.id}`, reason: "Workflow compensation", metadata: { compensation: true } })
      expect(await figures(acc)).toEqual({ balance: 0, pending: 40, owed: 0, lifetime: 0 })
      expect((await service.retrieveOrderPointsState("order_p6")).net).toBe(40)
      const again = await service.maturePendingOrderPoints({ account_id: acc, order_id: "order_p6", now: at(14) })
      expect(again!.entry.idempotency_key).toBe(`mature:order:order_p6:after:${(await service.retrieveLiveEntryByKey(`${COMPENSATION_KEY_PREFIX}${first!.entry.id}`))!.id}`)
      expect(await figures(acc)).toEqual({ balance: 40, pending: 0, owed: 0, lifetime: 40 })
      await noDrift()
    })

    it("a first award after the period is spendable at once; an order awarded without a period never becomes pending", async () => {
      const acc = await account()
      const late = await settle(acc, "order_p7", 25, at(20))
      expect(late.change!.entry).toMatchObject({ type: "earn", points: 25, pending_change: 0 })
      await settle(acc, "order_p8", 10, at(0), { available_at: null })
      await settle(acc, "order_p8", 0, at(0))
      const back = await settle(acc, "order_p8", 10, at(1))
      expect(back.change!.entry).toMatchObject({ type: "earn", points: 10, pending_change: 0 })
      expect(await figures(acc)).toEqual({ balance: 35, pending: 0, owed: 0, lifetime: 35 })
      await noDrift()
    })

    it("rebuildBalances reports a drifted points_pending and --fix rewrites it from the entries", async () => {
      const acc = await account()
      await settle(acc, "order_p9", 90, at(0))
      await sql(`update loyalty_account set points_pending = 7 where id = ?`, [acc])
      const report = await service.rebuildBalances()
      expect(report.drift).toEqual([
        expect.objectContaining({ account_id: acc, cached_points_pending: 7, ledger_points_pending: 90, cached_balance: 0, ledger_balance: 0 }),
      ])
      expect((await service.rebuildBalances({ fix: true })).fixed).toBe(true)
      expect(await figures(acc)).toMatchObject({ pending: 90 })
      await noDrift()
    })
  },
})
