import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import path from "node:path"
import { LOYALTY_MODULE } from ".."
import type { TillLimits } from "../lib/terminal-store"
import type LoyaltyModuleService from "../service"

jest.setTimeout(60_000)

const LIMITS: TillLimits = { max_points_per_receipt: 500, max_points_per_device_hour: 1000, manager_approval_above: 300 }
const DEVICE = { device_id: "ltdev_a", staff_id: "ltstf_cashier" }

async function refusalOf(call: Promise<unknown>): Promise<{ reason: string; details: Record<string, unknown>; type: string; message: string }> {
  try {
    await call
  } catch (e) {
    return e as any
  }
  throw new Error("expected the call to be refused, it succeeded")
}

/**
 * The ledger side of the in-store terminal: receipts awarded once per store with the device and
 * staff on the entry, the caps under parallel awards, rewards redeemed at the till, same-day voids.
 */
moduleIntegrationTestRunner<LoyaltyModuleService>({
  moduleName: LOYALTY_MODULE,
  resolve: path.join(__dirname, ".."),
  pathToMigrations: path.join(__dirname, "..", "migrations"),
  dbName: `medusa-loyalty-terminal-${process.env.JEST_WORKER_ID ?? "1"}`,
  testSuite: ({ service }) => {
    let seq = 0
    async function account(points = 0) {
      const program = await service.getOrCreateDefaultProgram()
      await service.updateLoyaltyPrograms({ id: program.id, earn_rates: { eur: { points: 1, amount: 1 } }, welcome_bonus_points: 0 } as any)
      const { account_id } = await service.enroll({ program_id: program.id, customer_id: `cus_till_${++seq}_${Date.now()}` })
      if (points) await service.creditPoints({ account_id, type: "adjust", points, source_type: "admin", idempotency_key: `seed:${account_id}`, reason: "test" })
      return account_id
    }
    const balance = async (id: string) => (await service.listLoyaltyAccounts({ id }))[0].balance
    const award = (account_id: string, receipt: string, amount: number, extra: Record<string, unknown> = {}) =>
      service.awardTerminalReceipt({ account_id, stock_location_id: "sloc_a", receipt_number: receipt, amount, currency_code: "EUR", actor: DEVICE, limits: LIMITS, ...extra } as any)

    it("a receipt earns at the program's rate once per store, the entry naming device and staff; the same number again returns the first", async () => {
      const acc = await account()
      const first = await award(acc, "R-1001", 42.9)
      expect(first).toMatchObject({ created: true, replayed: false, balance: 42 })
      expect(first.entry).toMatchObject({ type: "earn", points: 42, source_type: "terminal", source_id: "sloc_a", actor_device_id: "ltdev_a", actor_staff_id: "ltstf_cashier" })
      expect(first.entry.metadata).toMatchObject({ kind: "receipt", receipt_number: "R-1001", amount: 42.9, currency_code: "eur" })
      const again = await award(acc, " r-1001 ", 42.9)
      expect(again).toMatchObject({ created: false, replayed: true, balance: 42 })
      expect(again.entry.id).toBe(first.entry.id)
      const other = await refusalOf(award(acc, "R-1001", 50))
      expect(other).toMatchObject({ reason: "receipt_already_awarded", details: { entry_id: first.entry.id }, type: "conflict" })
      // Another store may have the same receipt number.
      const elsewhere = await service.awardTerminalReceipt({ account_id: acc, stock_location_id: "sloc_b", receipt_number: "R-1001", amount: 10, currency_code: "eur", actor: { device_id: "ltdev_b", staff_id: "ltstf_x" }, limits: LIMITS })
      expect(elsewhere.created).toBe(true)
      expect(await balance(acc)).toBe(52)
    })

    it("ten parallel taps of one receipt award once", async () => {
      const acc = await account()
      const results = await Promise.all(Array.from({ length: 10 }, () => award(acc, "R-TAP", 20)))
      expect(results.filter((r) => r.created)).toHaveLength(1)
      expect(new Set(results.map((r) => r.entry.id)).size).toBe(1)
      expect(await balance(acc)).toBe(20)
    })

    it("caps: per receipt, manager approval above the threshold, per device and hour even under parallel awards; each names its limit", async () => {
      const acc = await account()
      expect(await refusalOf(award(acc, "R-BIG", 600))).toMatchObject({ reason: "receipt_cap_exceeded", details: { limit: 500, points: 600 } })
      expect(await refusalOf(award(acc, "R-MGR", 400))).toMatchObject({ reason: "manager_approval_required", details: { limit: 300, points: 400 } })
      expect((await award(acc, "R-MGR", 400, { approved_by_staff_id: "ltstf_manager" })).entry.metadata).toMatchObject({ approved_by_staff_id: "ltstf_manager" })
      // 400 awarded this hour; 1000 allowed: of 8 parallel awards of 100, exactly 6 pass.
      const device = { device_id: "ltdev_hourly", staff_id: "ltstf_cashier" }
      await service.awardTerminalReceipt({ account_id: acc, stock_location_id: "sloc_a", receipt_number: "R-H0", amount: 400, currency_code: "eur", actor: device, limits: LIMITS, approved_by_staff_id: "m" })
      const parallel = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) =>
          service.awardTerminalReceipt({ account_id: acc, stock_location_id: "sloc_a", receipt_number: `R-H${i + 1}`, amount: 100, currency_code: "eur", actor: device, limits: LIMITS })
        )
      )
      expect(parallel.filter((r) => r.status === "fulfilled")).toHaveLength(6)
      const refused = parallel.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason)
      expect(refused.map((e) => e.reason)).toEqual(["device_hourly_cap_exceeded", "device_hourly_cap_exceeded"])
      expect(refused[0].details).toMatchObject({ limit: 1000, awarded_last_hour: 1000, points: 100 })
      // An hour later the device may award again.
      const later = new Date(Date.now() + 61 * 60 * 1000)
      expect((await service.awardTerminalReceipt({ account_id: acc, stock_location_id: "sloc_a", receipt_number: "R-H9", amount: 100, currency_code: "eur", actor: device, limits: LIMITS, now: later })).created).toBe(true)
    })

    it("refuses a currency without a rate, an amount that earns nothing, a bad amount and a blocked account, writing nothing", async () => {
      const acc = await account()
      expect(await refusalOf(award(acc, "R-USD", 10, { currency_code: "usd" }))).toMatchObject({ reason: "currency_not_supported", details: { currency_code: "usd", currencies: ["eur"] } })
      expect(await refusalOf(award(acc, "R-TINY", 0.5))).toMatchObject({ reason: "nothing_to_award" })
      expect(await refusalOf(award(acc, "R-NEG", -5))).toMatchObject({ reason: "invalid_request", details: { field: "amount" } })
      await service.updateLoyaltyAccounts({ id: acc, status: "blocked" })
      expect(await refusalOf(award(acc, "R-BLK", 10))).toMatchObject({ reason: "account_blocked" })
      expect(await service.listLoyaltyLedgerEntries({ account_id: acc })).toEqual([])
    })

    it("a reward redeemed at the till: a redeem entry of its cost with a confirmation code, once per client id; limits and balance apply", async () => {
      const acc = await account(250)
      const program = await service.getOrCreateDefaultProgram()
      const [reward] = await service.createLoyaltyRewards([
        { program_id: program.id, name: { en: "Free coffee" }, points_cost: 100, type: "free_product", variant_id: "variant_coffee", per_customer_limit: 2 } as any,
      ])
      const redeem = (client_id: string) => service.redeemRewardInStore({ account_id: acc, reward_id: reward.id, client_id, stock_location_id: "sloc_a", actor: DEVICE })
      const first = await redeem("c-1")
      expect(first).toMatchObject({ created: true, replayed: false, balance: 150 })
      expect(first.confirmation_code).toMatch(/^[0-9A-Z]{8}$/)
      expect(first.entry).toMatchObject({ type: "redeem", points: -100, source_type: "terminal", actor_device_id: "ltdev_a", actor_staff_id: "ltstf_cashier" })
      const again = await redeem("c-1")
      expect(again).toMatchObject({ replayed: true, confirmation_code: first.confirmation_code })
      await redeem("c-2")
      expect(await refusalOf(redeem("c-3"))).toMatchObject({ reason: "reward_limit_reached", details: { limit: 2, used: 2 } })
      const poor = await account(30)
      expect(await refusalOf(service.redeemRewardInStore({ account_id: poor, reward_id: reward.id, client_id: "c-9", stock_location_id: "sloc_a", actor: DEVICE }))).toMatchObject({
        reason: "insufficient_points",
        details: { balance: 30, points_missing: 70 },
      })
      expect(await balance(acc)).toBe(50)
    })

    it("an award is voided once, on its day: a reverse entry naming who voided it; the next day it is refused", async () => {
      const acc = await account()
      const first = await award(acc, "R-VOID", 80)
      const manager = { device_id: "ltdev_a", staff_id: "ltstf_manager" }
      const voided = await service.voidTerminalAward({ entry_id: first.entry.id, actor: manager })
      expect(voided.entry).toMatchObject({ type: "reverse", points: -80, reverses_entry_id: first.entry.id, actor_staff_id: "ltstf_manager" })
      const twice = await service.voidTerminalAward({ entry_id: first.entry.id, actor: manager })
      expect(twice.entry.id).toBe(voided.entry.id)
      expect(await balance(acc)).toBe(0)
      const late = await award(acc, "R-LATE", 10)
      expect(await refusalOf(service.voidTerminalAward({ entry_id: late.entry.id, actor: manager, now: new Date(Date.now() + 2 * 24 * 3600 * 1000) }))).toMatchObject({ reason: "void_window_passed" })
      expect(await refusalOf(service.voidTerminalAward({ entry_id: "lent_nothing", actor: manager }))).toMatchObject({ reason: "not_found" })
      const rebuilt = await service.rebuildBalances()
      expect(rebuilt.drift).toEqual([])
    })
  },
})
