import { MedusaError, generateEntityId } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { LedgerChangeResult, LedgerEntryDTO, RewardDTO } from "../types"
import { pointsForAmount } from "./earn-points"
import { type AccountRow, LedgerKernel } from "./ledger/kernel"
import { LedgerStore } from "./ledger/ledger-store"
import { TABLES } from "./ledger/tables"
import { toMoney } from "./money"
import { checkBalance, checkRewardAvailable, checkRewardLimit } from "./redemption-check"
import { rewardUses } from "./reward-uses"
import { refusal } from "./refusal"

/** Who did it at the till: the paired device and the staff member whose session it was. */
export type TillActor = { device_id: string; staff_id: string }

/** Caps against abuse of one device; a merchant sets them in the plugin's `terminal` options. */
export type TillLimits = {
  /** Most points one receipt may earn. */
  max_points_per_receipt: number
  /** Most points one device may award in a rolling hour. */
  max_points_per_device_hour: number
  /** Awards above this many points need a manager's PIN too (`approved_by_staff_id`). */
  manager_approval_above: number
}

export type AwardReceiptInput = {
  account_id: string
  /** The store (Medusa stock location) of the device: receipt numbers are unique per store. */
  stock_location_id: string
  receipt_number: string
  /** What the receipt paid, major units, in `currency_code`. */
  amount: number
  currency_code: string
  actor: TillActor
  limits: TillLimits
  /** A manager who entered their PIN for an award above the approval threshold... */
  approved_by_staff_id?: string | null
  /** ...or the admin user who approved it (an offline action re-awarded in the admin). */
  approved_by_user_id?: string | null
  now?: Date
}

export type TillResult = LedgerChangeResult & { replayed: boolean }

/** One row of the till's daily totals: a UTC day, a store, a device and a staff member. */
export type TerminalDailyTotal = {
  day: string
  stock_location_id: string
  device_id: string | null
  staff_id: string | null
  points_awarded: number
  awards: number
  points_redeemed: number
  redemptions: number
  /** Points the voids took back (what the balance held; the rest became a debt). */
  points_voided: number
  voids: number
}

const ENTRY = TABLES.entry
const REWARD = TABLES.reward
const HOUR = 60 * 60 * 1000

/** A receipt number as the key sees it: trimmed, case and inner spaces ignored ("A-12 3" = "a-123"). */
export const receiptKey = (stockLocationId: string, receiptNumber: string) =>
  `terminal:receipt:${stockLocationId}:${receiptNumber.trim().replace(/\s+/g, "").toLowerCase()}`

/**
 * The ledger side of the in-store terminal: awards for receipts, rewards redeemed at the till,
 * and same-day voids, each an idempotent entry that records the device and the staff member.
 * Caps are checked under a per-device transaction lock (and the account lock), so parallel
 * awards on one device cannot pass a cap together.
 */
export class TerminalStore {
  private readonly ledger: LedgerStore
  private readonly kernel: LedgerKernel

  constructor(private readonly knex: Knex.Transaction) {
    this.ledger = new LedgerStore(knex)
    this.kernel = LedgerKernel.for(knex)
  }

  /**
   * Points for an in-store receipt at the program's earn rate. The receipt number is the key per
   * store: the same receipt again returns the first award (a double tap awards once); the same
   * number with another amount, currency or account is a 409 `receipt_already_awarded`.
   */
  async awardReceipt(input: AwardReceiptInput): Promise<TillResult> {
    const now = input.now ?? new Date()
    const key = receiptKey(input.stock_location_id, input.receipt_number)
    const currency = input.currency_code.toLowerCase()
    const amount = toMoney(input.amount)
    if (!amount.isFinite() || !amount.gt(0)) {
      throw refusal("invalid_request", `amount must be greater than 0, got ${input.amount}`, { field: "amount" }, MedusaError.Types.INVALID_DATA)
    }
    // One award at a time per device: a double tap waits here, then finds the first award.
    await this.lockDevice(input.actor.device_id)
    const earlier = await this.kernel.followKey(key)
    if (earlier.entry) return await this.replayOf(earlier.entry, input)

    const account = await this.knex(TABLES.account).where({ id: input.account_id }).first("id", "program_id", "status")
    if (!account) throw refusal("not_found", `Loyalty account ${input.account_id} was not found`, {}, MedusaError.Types.NOT_FOUND)
    if (account.status !== "active") {
      throw refusal("account_blocked", `Loyalty account ${account.id} is ${account.status}: it earns nothing`, { account_status: account.status })
    }
    const program = await this.knex(TABLES.program).where({ id: account.program_id }).first("earn_rates", "rounding", "status")
    if (program?.status && program.status !== "active") {
      throw refusal("not_allowed", "The loyalty program is paused: nothing is earned for now")
    }
    const rates = (typeof program?.earn_rates === "string" ? JSON.parse(program.earn_rates) : program?.earn_rates) ?? {}
    if (!rates[currency]) {
      throw refusal("currency_not_supported", `The program has no earn rate in ${currency.toUpperCase()}`, { currency_code: currency, currencies: Object.keys(rates) })
    }
    const points = pointsForAmount(amount, currency, { earn_rates: rates, rounding: program?.rounding ?? "floor" })
    if (points <= 0) {
      throw refusal("nothing_to_award", `${amount.toString()} ${currency.toUpperCase()} earns no points at the program's rate`, { points: 0 })
    }
    const { limits } = input
    if (points > limits.max_points_per_receipt) {
      throw refusal("receipt_cap_exceeded", `A receipt may earn at most ${limits.max_points_per_receipt} points; this one would earn ${points}`, {
        limit: limits.max_points_per_receipt,
        points,
      })
    }
    if (points > limits.manager_approval_above && !input.approved_by_staff_id && !input.approved_by_user_id) {
      throw refusal("manager_approval_required", `An award above ${limits.manager_approval_above} points needs a manager's PIN; this one is ${points}`, {
        limit: limits.manager_approval_above,
        points,
      })
    }
    const [{ sum }] = await this.knex(ENTRY)
      .where({ actor_device_id: input.actor.device_id, source_type: "terminal", type: "earn" })
      .where("created_at", ">", new Date(now.getTime() - HOUR))
      .sum({ sum: "points" })
    const lastHour = Number(sum ?? 0)
    if (lastHour + points > limits.max_points_per_device_hour) {
      throw refusal(
        "device_hourly_cap_exceeded",
        `This device may award at most ${limits.max_points_per_device_hour} points an hour; it awarded ${lastHour} in the last hour and this receipt would earn ${points}`,
        { limit: limits.max_points_per_device_hour, awarded_last_hour: lastHour, points }
      )
    }
    const result = await this.ledger.credit({
      account_id: account.id,
      type: "earn",
      points,
      source_type: "terminal",
      source_id: input.stock_location_id,
      idempotency_key: key,
      actor: { device_id: input.actor.device_id, staff_id: input.actor.staff_id },
      reason: `In-store receipt ${input.receipt_number.trim()}`,
      metadata: {
        kind: "receipt",
        receipt_number: input.receipt_number.trim(),
        amount: amount.toNumber(),
        currency_code: currency,
        stock_location_id: input.stock_location_id,
        approved_by_staff_id: input.approved_by_staff_id ?? null,
        approved_by_user_id: input.approved_by_user_id ?? null,
      },
    })
    return { ...result, replayed: false }
  }

  /**
   * A reward redeemed at the till: a `redeem` entry of its points cost (no cart), with a
   * confirmation code for the receipt. `client_id` (from the tablet) makes a retry return the
   * first redemption. The reward's window, the per-customer limit and the balance apply.
   */
  async redeemInStore(input: { account_id: string; reward_id: string; client_id: string; stock_location_id: string; actor: TillActor; now?: Date }): Promise<TillResult & { confirmation_code: string }> {
    const now = input.now ?? new Date()
    const key = `terminal:redeem:${input.actor.device_id}:${input.client_id}`
    return await this.kernel.withAccount(input.account_id, async (account) => {
      const { entry: earlier } = await this.kernel.followKey(key)
      if (earlier) {
        const meta = earlier.metadata as Record<string, any> | null
        if (earlier.account_id !== account.id || meta?.reward_id !== input.reward_id) {
          throw refusal("idempotency_key_reused", `client_id ${input.client_id} was already used for another redemption on this device`, { idempotency_key: input.client_id })
        }
        return { ...this.kernel.result(earlier, false, account), replayed: true, confirmation_code: String(meta.confirmation_code) }
      }
      if (account.status !== "active") {
        throw refusal("account_blocked", `Loyalty account ${account.id} is ${account.status}: points cannot be spent`, { account_status: account.status })
      }
      const reward = (await this.knex(REWARD).where({ id: input.reward_id }).whereNull("deleted_at").first()) as RewardDTO | undefined
      if (!reward || reward.program_id !== account.program_id) {
        throw refusal("reward_not_found", `Reward ${input.reward_id} was not found`, { reward_id: input.reward_id })
      }
      checkRewardAvailable(reward, now)
      const used = reward.per_customer_limit ? (await rewardUses(this.knex, account.id, [reward.id])).get(reward.id) ?? 0 : 0
      checkRewardLimit(reward, used)
      checkBalance(account, reward.points_cost, reward)
      const confirmation = generateEntityId(undefined, "").replace(/^_/, "").slice(-8).toUpperCase()
      const result = await this.ledger.debit({
        account_id: account.id,
        type: "redeem",
        points: reward.points_cost,
        source_type: "terminal",
        source_id: input.stock_location_id,
        idempotency_key: key,
        actor: input.actor,
        reason: `Reward "${reward.name.en}" redeemed in store`,
        metadata: { kind: "reward", reward_id: reward.id, confirmation_code: confirmation, stock_location_id: input.stock_location_id, client_id: input.client_id },
      })
      return { ...result, replayed: false, confirmation_code: confirmation }
    })
  }

  /**
   * Voids an in-store award on the day it was made (UTC calendar day): a `reverse` entry
   * closing it (a clawback: what the balance cannot cover becomes a debt). Once only; the
   * staff member's role is the route's to check (managers).
   */
  async voidAward(input: { entry_id: string; actor: TillActor; reason?: string | null; now?: Date }): Promise<LedgerChangeResult> {
    const now = input.now ?? new Date()
    const entry = await this.knex(ENTRY).where({ id: input.entry_id }).first()
    const meta = entry ? (typeof entry.metadata === "string" ? JSON.parse(entry.metadata) : entry.metadata) : null
    if (!entry || entry.type !== "earn" || entry.source_type !== "terminal" || meta?.kind !== "receipt") {
      throw refusal("not_found", `In-store award ${input.entry_id} was not found`, {}, MedusaError.Types.NOT_FOUND)
    }
    const day = (d: Date) => d.toISOString().slice(0, 10)
    if (day(new Date(entry.created_at)) !== day(now)) {
      throw refusal("void_window_passed", `An in-store award can be voided on the day it was made (${day(new Date(entry.created_at))}); adjust the account instead`, {
        awarded_at: new Date(entry.created_at).toISOString(),
      })
    }
    const result = await this.ledger.reverse({
      entry_id: entry.id,
      idempotency_key: `terminal:void:${entry.id}`,
      source_type: "terminal",
      source_id: entry.source_id,
      actor: input.actor,
      reason: input.reason ?? `In-store award for receipt ${meta.receipt_number} voided`,
      metadata: { kind: "void", receipt_number: meta.receipt_number },
    })
    if (!result) throw refusal("not_allowed", `In-store award ${entry.id} was already undone`)
    return result
  }

  /** The first award of a receipt, or a 409 when the number comes back with another amount, currency or account. */
  private async replayOf(earlier: LedgerEntryDTO, input: AwardReceiptInput): Promise<TillResult> {
    const meta = earlier.metadata as Record<string, any> | null
    const same =
      earlier.account_id === input.account_id &&
      meta?.currency_code === input.currency_code.toLowerCase() &&
      toMoney(meta?.amount ?? NaN).eq(toMoney(input.amount))
    if (!same) {
      throw refusal(
        "receipt_already_awarded",
        `Receipt ${input.receipt_number.trim()} was already awarded in this store (${meta?.amount} ${String(meta?.currency_code ?? "").toUpperCase()}, entry ${earlier.id})`,
        { entry_id: earlier.id, receipt_number: input.receipt_number.trim() },
        MedusaError.Types.CONFLICT
      )
    }
    const account = (await this.knex(TABLES.account).where({ id: earlier.account_id }).first()) as AccountRow
    return { ...this.kernel.result(earlier, false, account), replayed: true }
  }

  /** One award at a time per device: its hourly cap is read and written under this lock. */
  private async lockDevice(deviceId: string): Promise<void> {
    await this.knex.raw("select pg_advisory_xact_lock(hashtextextended(?, 0))", [`rewardflow:terminal-device:${deviceId}`])
  }
}
