import { MedusaError, generateEntityId } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { LedgerActor, LedgerChangeResult, PointsAsMoney, RedemptionDTO, RewardDTO } from "../types"
import { type AccountRow, LedgerKernel } from "./ledger/kernel"
import { LedgerStore } from "./ledger/ledger-store"
import { TABLES } from "./ledger/tables"
import { newLoyaltyCode } from "./promotion-code"
import { checkRedemption, checkRewardAvailable } from "./redemption-check"
import { rewardUses } from "./reward-uses"
import { refusal } from "./refusal"
import type { CartForDiscount, DiscountPlan } from "./reward-discount"

const REDEMPTION = TABLES.redemption
const REWARD = TABLES.reward
const OPEN = ["pending", "reserved"]

export type ReserveRedemptionInput = {
  account_id: string
  cart: CartForDiscount & { id: string }
  reward_id?: string
  points?: number
  /** Client key (Idempotency-Key header); scoped to the account. */
  idempotency_key?: string
  actor?: LedgerActor
  now?: Date
}

export type ReserveRedemptionResult = {
  redemption: RedemptionDTO
  /** False on a replay of the same idempotency key: nothing was reserved again. */
  created: boolean
  plan: DiscountPlan | null
  reward: RewardDTO | null
  balance: number
}

const notAllowed = (message: string) => new MedusaError(MedusaError.Types.NOT_ALLOWED, message)

/** The account-scoped key a redemption is stored under for a client's Idempotency-Key. */
export const redemptionKey = (accountId: string, idempotencyKey: string) => `${accountId}:${idempotencyKey}`

/**
 * A replayed Idempotency-Key must carry the request it was first used for: the same cart and
 * reward, or the same number of points. Anything else is refused with CONFLICT naming the key,
 * never answered with the first result as if it were the same request.
 */
export function assertSameRedemptionRequest(
  earlier: Pick<RedemptionDTO, "cart_id" | "reward_id" | "kind" | "points">,
  request: { cart_id: string; reward_id?: string | null; points?: number | null; idempotency_key?: string }
) {
  const first =
    earlier.kind === "points" || !earlier.reward_id ? `${earlier.points} points` : `reward ${earlier.reward_id}`
  const now = request.reward_id ? `reward ${request.reward_id}` : `${request.points} points`
  const differs =
    earlier.cart_id !== request.cart_id ||
    (earlier.reward_id ?? null) !== (request.reward_id ?? null) ||
    (!request.reward_id && Number(earlier.points) !== Number(request.points))
  if (differs) {
    throw refusal(
      "idempotency_key_reused",
      `Idempotency-Key ${request.idempotency_key} was already used for another redemption (${first} on cart ${earlier.cart_id}); ` +
        `this request asks for ${now} on cart ${request.cart_id}. Send a new Idempotency-Key for a different request`,
      { idempotency_key: request.idempotency_key ?? null }
    )
  }
}

/**
 * Redemption bookkeeping, on the ledger's transaction and under its account lock: every check
 * (balance, per-customer limit, one reward per cart) and the reserve entry happen while the
 * account row is locked, so parallel requests for one shopper are decided one after another.
 * A reservation is closed once: released (points back), or spent (`redeem`), and a spent one
 * may be refunded (points back) when its order is canceled. Points given back pay what the
 * account owes first.
 */
export class RedemptionStore {
  private readonly ledger: LedgerStore
  private readonly kernel: LedgerKernel

  constructor(private readonly knex: Knex.Transaction) {
    this.ledger = new LedgerStore(knex)
    this.kernel = LedgerKernel.for(knex)
  }

  async reserve(input: ReserveRedemptionInput): Promise<ReserveRedemptionResult> {
    return await this.kernel.withAccount(input.account_id, (account) => this.reserveLocked(account, input))
  }

  private async reserveLocked(account: AccountRow, input: ReserveRedemptionInput): Promise<ReserveRedemptionResult> {
    const now = input.now ?? new Date()
    const key = redemptionKey(account.id, input.idempotency_key ?? generateEntityId(undefined, "key"))
    const earlier = await this.knex(REDEMPTION).where({ idempotency_key: key }).first()
    if (earlier) {
      assertSameRedemptionRequest(earlier, { cart_id: input.cart.id, reward_id: input.reward_id, points: input.points, idempotency_key: input.idempotency_key })
      return { redemption: earlier, created: false, plan: null, reward: null, balance: account.balance }
    }
    let reward: RewardDTO | null = null
    let rewardUsed = 0
    const open = await this.knex(REDEMPTION).where({ cart_id: input.cart.id }).whereIn("status", OPEN).whereNull("deleted_at")
    const program = await this.knex(TABLES.program).where({ id: account.program_id }).first("points_as_money")
    if (input.reward_id) {
      reward = await this.rewardFor(input.reward_id, account.program_id, now)
      if (reward.per_customer_limit) rewardUsed = (await rewardUses(this.knex, account.id, [reward.id])).get(reward.id) ?? 0
    }
    const { plan, points } = checkRedemption({
      account,
      program: { points_as_money: program?.points_as_money as PointsAsMoney | null },
      cart: input.cart,
      open_on_cart: open,
      reward: reward ?? undefined,
      reward_used: rewardUsed,
      points: input.points,
    })

    const id = generateEntityId(undefined, "lrdm")
    await this.knex(REDEMPTION).insert({
      id,
      kind: reward ? "reward" : "points",
      status: "pending",
      account_id: account.id,
      reward_id: reward?.id ?? null,
      points,
      currency_code: input.cart.currency_code.toLowerCase(),
      discount_amount: plan.discount_amount,
      raw_discount_amount: plan.discount_amount === null ? null : JSON.stringify({ value: String(plan.discount_amount), precision: 20 }),
      cart_id: input.cart.id,
      promotion_code: newLoyaltyCode(),
      idempotency_key: key,
      // Checked again at checkout against the cart as it is then (see checkout-guard).
      metadata: JSON.stringify({ max_discount: plan.max_discount, ...(plan.limits ?? {}) }),
    })
    const reserved = await this.ledger.debit({
      account_id: account.id,
      type: "reserve",
      points,
      source_type: "redemption",
      source_id: id,
      idempotency_key: `reserve:${id}`,
      actor: input.actor,
      reason: reward ? `Reserved for reward "${reward.name.en}" on cart ${input.cart.id}` : `Reserved to pay cart ${input.cart.id}`,
      metadata: { cart_id: input.cart.id, reward_id: reward?.id ?? null },
    })
    const redemption = await this.update(id, { reserve_entry_id: reserved.entry.id })
    return { redemption, created: true, plan, reward, balance: reserved.balance }
  }

  /** Records the promotion that carries the discount: the reservation is now live on the cart. */
  async attachPromotion(id: string, promotionId: string): Promise<RedemptionDTO> {
    const [row] = await this.knex(REDEMPTION)
      .where({ id })
      .whereIn("status", OPEN)
      .update({ status: "reserved", promotion_id: promotionId, updated_at: new Date() })
      .returning("*")
    if (!row) throw notAllowed(`Redemption ${id} is no longer open`)
    return row
  }

  /**
   * Gives the reserved points back (a `release` entry closing the `reserve` entry, restoring
   * the lots they came from; what the account owes is paid from them first). Idempotent;
   * refuses when the points were already spent on an order. `free_key` lets a retried request
   * with the same Idempotency-Key try again (used when a workflow compensates).
   */
  async release(input: { redemption_id: string; reason: string; actor?: LedgerActor; free_key?: boolean }): Promise<{ redemption: RedemptionDTO; entry: LedgerChangeResult | null }> {
    return await this.withRedemption(input.redemption_id, async (redemption, account) => {
      if (redemption.status === "released") return { redemption, entry: null }
      if (redemption.status === "redeemed" || redemption.status === "refunded") {
        throw refusal("redemption_spent", `Redemption ${redemption.id} was already spent on order ${redemption.order_id}`, { redemption_id: redemption.id, order_id: redemption.order_id })
      }
      let entry: LedgerChangeResult | null = null
      if (redemption.reserve_entry_id) {
        const reserve = await this.kernel.entry(redemption.reserve_entry_id)
        entry = await this.kernel.closeEntry(account, { key: `release:${redemption.id}`, closes: reserve.id }, (key) =>
          this.ledger.giveBack(
            account,
            { type: "release", source_type: "redemption", source_id: redemption.id, idempotency_key: key, actor: input.actor, reason: input.reason, reverses_entry_id: reserve.id },
            -reserve.points,
            reserve.lot_allocations ?? []
          )
        )
        if (entry.entry.type === "redeem") throw notAllowed(`Redemption ${redemption.id} was already spent`)
      }
      const row = await this.update(redemption.id, {
        status: "released",
        released_at: new Date(),
        released_reason: input.reason,
        settle_entry_id: entry?.entry.id ?? null,
        ...(input.free_key ? { idempotency_key: `${redemption.idempotency_key}:failed:${redemption.id}` } : {}),
      })
      return { redemption: row, entry }
    })
  }

  /**
   * Spends a live reservation on the order: a `redeem` entry of 0 points closing the `reserve`
   * entry (its points left the balance when reserved). It takes the same closing slot a
   * release takes, so a reservation is spent or given back, never both. Idempotent for the
   * same order.
   */
  async capture(input: { redemption_id: string; order_id: string }): Promise<{ redemption: RedemptionDTO; created: boolean; balance: number }> {
    return await this.withRedemption(input.redemption_id, async (redemption, account) => {
      if (redemption.status === "redeemed") {
        if (redemption.order_id !== input.order_id) {
          throw notAllowed(`Redemption ${redemption.id} was already spent on order ${redemption.order_id}`)
        }
        return { redemption, created: false, balance: account.balance }
      }
      // A pending one whose code reached the order (a crash before it was marked reserved) is spent too.
      if (!OPEN.includes(redemption.status) || !redemption.reserve_entry_id) {
        throw notAllowed(`Redemption ${redemption.id} is ${redemption.status}: there is nothing to spend`)
      }
      const reserveId = redemption.reserve_entry_id
      const settled = await this.kernel.closeEntry(account, { key: `redeem:${redemption.id}`, closes: reserveId }, async (key) => {
        const entry = await this.kernel.insertEntry(account, {
          type: "redeem",
          points: 0,
          source_type: "redemption",
          source_id: redemption.id,
          idempotency_key: key,
          reverses_entry_id: reserveId,
          metadata: { order_id: input.order_id, cart_id: redemption.cart_id },
          reason: "Reserved points spent on the order",
        })
        return this.kernel.result(entry, true, account)
      })
      if (settled.entry.type !== "redeem") {
        throw notAllowed(`Redemption ${redemption.id} was released before the order was placed`)
      }
      const row = await this.update(redemption.id, { status: "redeemed", order_id: input.order_id, redeemed_at: new Date(), settle_entry_id: settled.entry.id })
      return { redemption: row, created: true, balance: account.balance }
    })
  }

  /**
   * The order a redemption was spent on was canceled: its points go back to the shopper (a
   * `reverse` entry closing the `redeem` entry, to the lots the reservation took them from;
   * status refunded). Idempotent; only a redeemed redemption can be refunded.
   */
  async refund(input: { redemption_id: string; reason: string }): Promise<{ redemption: RedemptionDTO; entry: LedgerChangeResult | null }> {
    return await this.withRedemption(input.redemption_id, async (redemption, account) => {
      if (redemption.status === "refunded") return { redemption, entry: null }
      if (redemption.status !== "redeemed" || !redemption.settle_entry_id || !redemption.reserve_entry_id) {
        throw notAllowed(`Redemption ${redemption.id} is ${redemption.status}: only a redeemed one can be refunded`)
      }
      const reserve = await this.kernel.entry(redemption.reserve_entry_id)
      const redeemId = redemption.settle_entry_id
      const entry = await this.kernel.closeEntry(account, { key: `refund:${redemption.id}`, closes: redeemId }, (key) =>
        this.ledger.giveBack(
          account,
          { type: "reverse", source_type: "order", source_id: redemption.order_id ?? redemption.id, idempotency_key: key, reason: input.reason, reverses_entry_id: redeemId, metadata: { redemption_id: redemption.id } },
          -reserve.points,
          reserve.lot_allocations ?? []
        )
      )
      const row = await this.update(redemption.id, { status: "refunded", refund_entry_id: entry.entry.id, refunded_at: new Date() })
      return { redemption: row, entry }
    })
  }

  /** Runs `change` with the redemption's account locked: every status change happens under it. */
  private async withRedemption<T>(id: string, change: (redemption: RedemptionDTO, account: AccountRow) => Promise<T>): Promise<T> {
    const found = await this.knex(REDEMPTION).where({ id }).whereNull("deleted_at").first("account_id")
    if (!found) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Redemption ${id} was not found`)
    return await this.kernel.withAccount(found.account_id, async (account) => {
      const redemption = (await this.knex(REDEMPTION).where({ id }).first()) as RedemptionDTO
      return await change(redemption, account)
    })
  }

  private async update(id: string, fields: Record<string, unknown>): Promise<RedemptionDTO> {
    const [row] = await this.knex(REDEMPTION).where({ id }).update({ ...fields, updated_at: new Date() }).returning("*")
    return row
  }

  private async rewardFor(id: string, programId: string, now: Date): Promise<RewardDTO> {
    const reward = (await this.knex(REWARD).where({ id }).whereNull("deleted_at").first()) as RewardDTO | undefined
    if (!reward || reward.program_id !== programId) {
      throw refusal("reward_not_found", `Reward ${id} was not found`, { reward_id: id })
    }
    checkRewardAvailable(reward, now)
    return reward
  }
}
