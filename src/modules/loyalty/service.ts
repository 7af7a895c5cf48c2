import type { Context } from "@medusajs/framework/types"
import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
  generateEntityId,
} from "@medusajs/framework/utils"
import { generateCardNumber } from "./lib/card-number"
import { generateReferralCode, referralLink, type ReferralDecision, type ReferralStatus } from "./lib/referral"
import type { Birthday } from "./lib/birthday"
import { BirthdayStore, paidBirthdayYears, type BirthdayBonusResult, type SetBirthdayResult } from "./lib/ledger/birthday-store"
import { ReferralStore, type ReferralRow, type SettleReferralResult } from "./lib/ledger/referral-store"
import { assertKnownOptions, defaultProgramFromOptions, redemptionSettingsFromOptions, storefrontUrlFromOptions, tillLimitsFromOptions, type RewardFlowOptions } from "./options"
import { ExpiryStore } from "./lib/ledger/expiry-store"
import { followKey, LedgerKernel } from "./lib/ledger/kernel"
import { LedgerStore } from "./lib/ledger/ledger-store"
import {
  OrderPointsStore,
  orderEntries,
  orderPointsState,
  type OrderPointsState,
  type SettleOrderPointsInput,
  type SettleOrderPointsResult,
} from "./lib/ledger/order-points-store"
import { RebuildStore } from "./lib/ledger/rebuild-store"
import { recordJobRunSql, removeTestDataSql, type TestDataRemoved } from "./lib/readiness-store"
import {
  type EvaluateTierInput,
  orderBasesSince,
  pointsEarnedSince,
  tierCandidates,
  type TierEvaluation,
  type TierFields,
  TierStore,
} from "./lib/ledger/tier-store"
import { tierWindow } from "./lib/tiers"
import { PendingStore, type PendingOrderPoints } from "./lib/ledger/pending-store"
import { rewardUses } from "./lib/reward-uses"
import { readEarnPreviewContext, type EarnPreviewContext } from "./lib/earn-preview"
import { TABLES } from "./lib/ledger/tables"
import { RedemptionStore, type ReserveRedemptionInput, type ReserveRedemptionResult } from "./lib/redemption-store"
import { JobRun, LedgerEntry, LiabilityEstimate, LoyaltyAccount, ReadinessRecord, LoyaltyProgram, OrderRetry, PointLot, Redemption, Referral, Reward, RewardReadyNotice, Tier, TierChange } from "./models"
import { type AwardReceiptInput, type TerminalDailyTotal, TerminalStore, type TillResult } from "./lib/terminal-store"
import type {
  BalanceDrift,
  CreditPointsInput,
  DebitPointsInput,
  EnrollInput,
  EnrollResult,
  LedgerChangeResult,
  LedgerActor,
  LedgerEntryDTO,
  RebuildBalancesResult,
  RedemptionDTO,
  ReverseEntryInput,
} from "./types"

const DEFAULT_PROGRAM_LOCK = "rewardflow:default-program"

/**
 * JSON columns an update replaces whole. The generated update merges JSON objects key by key,
 * so a locale or currency a merchant removed would survive; these are settings, not metadata.
 */
const REPLACED_JSON: Record<"loyalty_reward" | "loyalty_program" | "loyalty_tier", string[]> = {
  loyalty_reward: ["name", "description", "amounts", "max_discount", "min_subtotal"],
  loyalty_program: ["earn_rates", "points_as_money"],
  loyalty_tier: ["name", "perks"],
}

/** Account fields a caller may change; balance, points owed and lifetime points move with the ledger only. */
const ACCOUNT_WRITABLE = ["id", "status", "locale", "metadata", "is_test"]

const refuser = (method: string, instead: string) => async (..._args: unknown[]): Promise<never> => {
  throw refused(method, instead)
}

const refused = (method: string, instead: string) =>
  new MedusaError(
    MedusaError.Types.NOT_ALLOWED,
    `LoyaltyModuleService.${method} is not available: ${instead}. Ledger entries, lots, balances and redemptions change only through the ledger, under the account lock`
  )

/**
 * The loyalty module: programs, accounts and the points ledger.
 * Every change of points goes through creditPoints, debitPoints, reverseEntry, settleOrderPoints,
 * the redemption verbs or expireDueLots, which lock the account row and keep its cached
 * balance, points owed and lifetime points in step with the ledger. The writers MedusaService
 * would generate for entries, lots, redemptions and account balances are refused.
 */
export default class LoyaltyModuleService extends MedusaService({
  LoyaltyProgram,
  LoyaltyAccount,
  // Keyed like their tables so query.graph's entity names (loyalty_ledger_entry,
  // loyalty_point_lot) resolve to the generated list methods.
  LoyaltyLedgerEntry: LedgerEntry,
  LoyaltyPointLot: PointLot,
  LoyaltyReward: Reward,
  LoyaltyRedemption: Redemption,
  LoyaltyRewardReadyNotice: RewardReadyNotice,
  LoyaltyOrderRetry: OrderRetry,
  LoyaltyTier: Tier,
  LoyaltyTierChange: TierChange,
  LoyaltyReferral: Referral,
  LoyaltyLiabilityEstimate: LiabilityEstimate,
  LoyaltyJobRun: JobRun,
  LoyaltyReadinessRecord: ReadinessRecord,
}) {
  protected readonly defaultProgram_: ReturnType<typeof defaultProgramFromOptions>
  protected readonly redemptionSettings_: ReturnType<typeof redemptionSettingsFromOptions>
  protected readonly tillLimits_: ReturnType<typeof tillLimitsFromOptions>
  protected readonly storefrontUrl_: ReturnType<typeof storefrontUrlFromOptions>

  constructor(container: Record<string, unknown>, options: RewardFlowOptions = {}) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    // Fails the boot with a message naming the bad option.
    assertKnownOptions(options)
    this.defaultProgram_ = defaultProgramFromOptions(options)
    this.redemptionSettings_ = redemptionSettingsFromOptions(options)
    this.tillLimits_ = tillLimitsFromOptions(options as any)
    this.storefrontUrl_ = storefrontUrlFromOptions(options)
  }

  /** Redemption settings from the plugin options, with defaults. */
  getRedemptionSettings() {
    return { ...this.redemptionSettings_ }
  }

  /** The in-store till's caps (options `terminal.maxPointsPerReceipt`, `maxPointsPerDeviceHour`, `managerApprovalAbove`). */
  getTillLimits() {
    return { ...this.tillLimits_ }
  }

  /**
   * The store's program: the oldest one, created with defaults when there is none. Every
   * checkout and storefront read asks for it: one read, and a transaction only to create it.
   */
  @InjectManager()
  async getOrCreateDefaultProgram(@MedusaContext() sharedContext: Context = {}) {
    const [existing] = await this.listLoyaltyPrograms({}, { order: { created_at: "ASC" }, take: 1 }, sharedContext)
    if (existing) return existing
    const id = await this.createDefaultProgram_(sharedContext)
    return await this.retrieveLoyaltyProgram(id, {}, sharedContext)
  }

  @InjectTransactionManager()
  protected async createDefaultProgram_(@MedusaContext() sharedContext: Context = {}): Promise<string> {
    const knex = LedgerKernel.knexOf(sharedContext)
    await knex.raw("select pg_advisory_xact_lock(hashtext(?))", [DEFAULT_PROGRAM_LOCK])
    const existing = await knex(TABLES.program).whereNull("deleted_at").orderBy("created_at", "asc").first("id")
    if (existing) return existing.id
    const [created] = await this.createLoyaltyPrograms([this.defaultProgram_], sharedContext)
    return created.id
  }

  /**
   * Enrolls a customer: creates the account (once, whatever the concurrency) and credits
   * the program's welcome bonus in the same transaction.
   */
  @InjectManager()
  async enroll(input: EnrollInput, @MedusaContext() sharedContext: Context = {}): Promise<EnrollResult> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.enroll_(input, sharedContext)
      } catch (e) {
        // A card number or referral code collision (1 in 10^14, 10^11) is retried with a new one.
        if (attempt < 3 && (LedgerKernel.isUniqueViolation(e, "card_number") || LedgerKernel.isUniqueViolation(e, "referral_code"))) continue
        throw e
      }
    }
  }

  @InjectTransactionManager()
  protected async enroll_(
    input: EnrollInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<EnrollResult> {
    const store = new LedgerStore(LedgerKernel.knexOf(sharedContext))
    const program = await store.program(input.program_id)
    const { account_id, created } = await store.insertAccount({
      program_id: program.id,
      customer_id: input.customer_id,
      card_number: generateCardNumber(),
      locale: input.locale ?? null,
      referral_code: generateReferralCode(),
    })
    let welcome_bonus: LedgerChangeResult | null = null
    if (created && program.welcome_bonus_points > 0) {
      welcome_bonus = await store.credit({
        account_id,
        type: "welcome_bonus",
        points: program.welcome_bonus_points,
        source_type: "enrollment",
        source_id: account_id,
        idempotency_key: `welcome_bonus:${account_id}`,
        actor: input.actor,
        reason: "Welcome bonus",
      })
    }
    const referral = input.referral
      ? await new ReferralStore(LedgerKernel.knexOf(sharedContext)).recordSignup({
          program_id: program.id,
          referee_customer_id: input.customer_id,
          referee_account_id: account_id,
          account_existed: !created,
          facts: input.referral,
          // A workflow may hand the time over serialized.
          now: input.now ? new Date(input.now) : new Date(),
        })
      : null
    return { account_id, created, welcome_bonus, referral }
  }

  /** Adds points (earn, welcome bonus, positive adjustment). Idempotent on the key. */
  @InjectTransactionManager()
  async creditPoints(
    input: CreditPointsInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerChangeResult> {
    assertPositivePoints(input.points)
    return await this.ledger_(sharedContext).credit(input)
  }

  /**
   * Takes points away (redeem, reserve, negative adjustment). Locks the account, refuses
   * to go below zero, consumes lots oldest expiry first. Idempotent on the key.
   */
  @InjectTransactionManager()
  async debitPoints(
    input: DebitPointsInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerChangeResult> {
    assertPositivePoints(input.points)
    return await this.ledger_(sharedContext).debit(input)
  }

  /**
   * Undoes an entry with a new one that closes it (once). A debit is given back to the lots it
   * used; a credit is clawed back: what the balance holds is taken, points of its lot that
   * already expired are not taken twice, and the rest becomes a debt (`debt` entry,
   * `points_owed`) that the next credit or release pays first.
   */
  @InjectTransactionManager()
  async reverseEntry(
    input: ReverseEntryInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerChangeResult | null> {
    return await this.ledger_(sharedContext).reverse(input)
  }

  /**
   * In store: points for a receipt at the program's earn rate, recording the device and the
   * staff member. The receipt number is the key per store (a double tap awards once); the
   * per-receipt cap, the device's hourly cap and the manager-approval threshold apply.
   */
  @InjectTransactionManager()
  async awardTerminalReceipt(input: AwardReceiptInput, @MedusaContext() sharedContext: Context = {}): Promise<TillResult> {
    return await new TerminalStore(LedgerKernel.knexOf(sharedContext)).awardReceipt(input)
  }

  /** In store: a reward redeemed at the till (`redeem` entry of its cost, a confirmation code); idempotent on `client_id`. */
  @InjectTransactionManager()
  async redeemRewardInStore(
    input: Parameters<TerminalStore["redeemInStore"]>[0],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<TillResult & { confirmation_code: string }> {
    return await new TerminalStore(LedgerKernel.knexOf(sharedContext)).redeemInStore(input)
  }

  /**
   * In store: per UTC day, store, device and staff member, the points awarded for receipts, the
   * points spent on rewards at the till and the points taken back by voids, with their counts.
   * `from` inclusive, `to` exclusive.
   */
  @InjectManager()
  async terminalDailyTotals(
    input: { from: Date; to: Date; stock_location_id?: string | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<TerminalDailyTotal[]> {
    const knex = LedgerKernel.readerOf(sharedContext)
    const rows = await knex(TABLES.entry)
      .select(
        knex.raw(`to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as day`),
        knex.raw("source_id as stock_location_id"),
        "actor_device_id as device_id",
        "actor_staff_id as staff_id",
        knex.raw(`coalesce(sum(points) filter (where type = 'earn'), 0)::int as points_awarded`),
        knex.raw(`count(*) filter (where type = 'earn')::int as awards`),
        knex.raw(`coalesce(-sum(points) filter (where type = 'redeem'), 0)::int as points_redeemed`),
        knex.raw(`count(*) filter (where type = 'redeem')::int as redemptions`),
        knex.raw(`coalesce(-sum(points) filter (where type = 'reverse'), 0)::int as points_voided`),
        knex.raw(`count(*) filter (where type = 'reverse')::int as voids`)
      )
      .where({ source_type: "terminal" })
      .where("created_at", ">=", input.from)
      .where("created_at", "<", input.to)
      .modify((q) => {
        if (input.stock_location_id) q.where({ source_id: input.stock_location_id })
      })
      .groupByRaw("1, 2, 3, 4")
      .orderByRaw("1 desc, 2, 3, 4")
    return rows as TerminalDailyTotal[]
  }

  /** In store: voids an award for a receipt on the day it was made (a `reverse` entry closing it, once). */
  @InjectTransactionManager()
  async voidTerminalAward(input: Parameters<TerminalStore["voidAward"]>[0], @MedusaContext() sharedContext: Context = {}): Promise<LedgerChangeResult> {
    return await new TerminalStore(LedgerKernel.knexOf(sharedContext)).voidAward(input)
  }

  /**
   * Brings an order's net points (its earn entries minus their clawbacks) to `target` with one
   * entry, under the account lock: a credit (`earn`, paying debts first) or a clawback
   * (`reverse`, with a `debt` for what the balance cannot cover). Settling again to the same
   * target writes nothing. The order coordinator (settleOrderLoyaltyWorkflow) decides the target.
   */
  @InjectTransactionManager()
  async settleOrderPoints(
    input: SettleOrderPointsInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<SettleOrderPointsResult> {
    if (!Number.isSafeInteger(input.target) || input.target < 0) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `target must be a whole number >= 0, got ${input.target}`)
    }
    return await new OrderPointsStore(LedgerKernel.knexOf(sharedContext)).settle(input)
  }

  /** An order's points as its entries tell them (net, credited, clawed back, its entries). A read. */
  @InjectManager()
  async retrieveOrderPointsState(orderId: string, @MedusaContext() sharedContext: Context = {}): Promise<OrderPointsState> {
    const entries = await orderEntries(LedgerKernel.readerOf(sharedContext), orderId)
    return orderPointsState(orderId, entries)
  }

  /** How often the shopper has each reward, online and in store (what per-customer limits count). A read. */
  @InjectManager()
  async countRewardUses(accountId: string, @MedusaContext() sharedContext: Context = {}): Promise<Map<string, number>> {
    return await rewardUses(LedgerKernel.readerOf(sharedContext), accountId)
  }

  /**
   * The entry that holds an idempotency key now: entries undone by a workflow compensation
   * are skipped, so a retried run's entry is found. Null when the key was never used.
   */
  @InjectManager()
  async retrieveLiveEntryByKey(
    idempotencyKey: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerEntryDTO | null> {
    const { entry } = await followKey(LedgerKernel.readerOf(sharedContext), idempotencyKey)
    return entry
  }

  /** Expires the lots of an account whose expiry date has passed. */
  @InjectTransactionManager()
  async expireDueLots(
    accountId: string,
    now: Date = new Date(),
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerChangeResult[]> {
    return await new ExpiryStore(LedgerKernel.knexOf(sharedContext)).expireDueLots(accountId, now)
  }

  /** Ids of accounts holding lots that expired before `now` (for the expiry job). */
  @InjectTransactionManager()
  async listAccountIdsWithDueLots(
    now: Date = new Date(),
    limit = 500,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    return await new ExpiryStore(LedgerKernel.knexOf(sharedContext)).accountIdsWithDueLots(now, limit)
  }

  /**
   * Reserves points for a reward (or points paid as money) on a cart: under the account lock,
   * checks the reward, the per-customer limit, the cart and the balance, then writes a
   * `pending` redemption and its `reserve` entry. Replays of the same key return the first one.
   */
  @InjectTransactionManager()
  async reserveRedemption(
    input: ReserveRedemptionInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ReserveRedemptionResult> {
    if (!input.reward_id === (input.points === undefined)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "Give either reward_id or points")
    }
    if (input.points !== undefined) assertPositivePoints(input.points)
    return await new RedemptionStore(LedgerKernel.knexOf(sharedContext)).reserve(input)
  }

  /** Marks a pending redemption reserved, with the promotion that carries its discount. */
  @InjectTransactionManager()
  async attachRedemptionPromotion(
    redemptionId: string,
    promotionId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<RedemptionDTO> {
    return await new RedemptionStore(LedgerKernel.knexOf(sharedContext)).attachPromotion(redemptionId, promotionId)
  }

  /** Gives a redemption's reserved points back. Idempotent; refuses a spent one. */
  @InjectTransactionManager()
  async releaseRedemption(
    input: { redemption_id: string; reason: string; actor?: LedgerActor; free_key?: boolean },
    @MedusaContext() sharedContext: Context = {}
  ) {
    return await new RedemptionStore(LedgerKernel.knexOf(sharedContext)).release(input)
  }

  /** Spends a reserved redemption on an order (a 0-point `redeem` entry closing the reservation). */
  @InjectTransactionManager()
  async captureRedemption(
    input: { redemption_id: string; order_id: string },
    @MedusaContext() sharedContext: Context = {}
  ) {
    return await new RedemptionStore(LedgerKernel.knexOf(sharedContext)).capture(input)
  }

  /** Gives back the points a canceled order spent. Idempotent. */
  @InjectTransactionManager()
  async refundRedemption(
    input: { redemption_id: string; reason: string },
    @MedusaContext() sharedContext: Context = {}
  ) {
    return await new RedemptionStore(LedgerKernel.knexOf(sharedContext)).refund(input)
  }

  /**
   * Claims the `loyalty.reward_ready` notices of the rewards an entry's points made the balance
   * cover: returns the reward ids not claimed before for this entry (a redelivered points event
   * claims nothing). Safe under concurrency: the unique (account, reward, entry) index decides.
   */
  @InjectTransactionManager()
  async claimRewardReadyNotices(
    input: { account_id: string; entry_id: string; reward_ids: string[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    if (!input.reward_ids.length) return []
    const knex = LedgerKernel.knexOf(sharedContext)
    const rows = await knex(TABLES.rewardReadyNotice)
      .insert(
        input.reward_ids.map((reward_id) => ({
          id: generateEntityId(undefined, "lrrn"),
          account_id: input.account_id,
          reward_id,
          entry_id: input.entry_id,
        }))
      )
      .onConflict(["account_id", "reward_id", "entry_id"])
      .ignore()
      .returning("reward_id")
    const claimed = new Set(rows.map((r: { reward_id: string }) => r.reward_id))
    return input.reward_ids.filter((id) => claimed.has(id))
  }

  /** Gives notices back (the event could not be emitted): a retry claims them again. */
  @InjectTransactionManager()
  async releaseRewardReadyNotices(
    input: { account_id: string; entry_id: string; reward_ids: string[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    if (!input.reward_ids.length) return
    await LedgerKernel.knexOf(sharedContext)(TABLES.rewardReadyNotice)
      .where({ account_id: input.account_id, entry_id: input.entry_id })
      .whereIn("reward_id", input.reward_ids)
      .delete()
  }

  /**
   * Records a failed coordinator run of an order (or another failure of its retry): the
   * retry job runs it again after a backoff that doubles with each attempt (1 min to 6 h).
   */
  @InjectTransactionManager()
  async recordOrderRetry(
    input: { order_id: string; trigger: string; error: string; now?: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ attempts: number; next_attempt_at: Date }> {
    const knex = LedgerKernel.knexOf(sharedContext)
    const now = input.now ?? new Date()
    const earlier = await knex(TABLES.orderRetry).where({ order_id: input.order_id }).forUpdate().first("id", "attempts")
    const attempts = (earlier?.attempts ?? 0) + 1
    const next_attempt_at = new Date(now.getTime() + Math.min(6 * 3600, 60 * 2 ** (attempts - 1)) * 1000)
    const row = { last_error: input.error.slice(0, 2000), attempts, next_attempt_at, updated_at: now, deleted_at: null }
    if (earlier) await knex(TABLES.orderRetry).where({ id: earlier.id }).update(row)
    else {
      await knex(TABLES.orderRetry)
        .insert({ id: generateEntityId(undefined, "lordr"), order_id: input.order_id, trigger: input.trigger, ...row })
        .onConflict("order_id")
        .merge(row)
    }
    return { attempts, next_attempt_at }
  }

  /** Orders whose coordinator run is due again. */
  @InjectManager()
  async listDueOrderRetries(now: Date = new Date(), limit = 100, @MedusaContext() sharedContext: Context = {}) {
    return await this.listLoyaltyOrderRetries({ next_attempt_at: { $lte: now } } as any, { take: limit, order: { next_attempt_at: "ASC" } }, sharedContext)
  }

  /** The order was settled: no retry is due any more. */
  @InjectTransactionManager()
  async clearOrderRetry(orderId: string, @MedusaContext() sharedContext: Context = {}) {
    await LedgerKernel.knexOf(sharedContext)(TABLES.orderRetry).where({ order_id: orderId }).delete()
  }

  /** Updates a reward; its per-locale and per-currency fields are replaced, not merged. */
  @InjectTransactionManager()
  async updateReward(id: string, data: Record<string, unknown>, @MedusaContext() sharedContext: Context = {}) {
    await this.replaceJsonColumns_("loyalty_reward", id, data, sharedContext)
    const rest = omitKeys(data, REPLACED_JSON.loyalty_reward)
    if (Object.keys(rest).length) await this.updateLoyaltyRewards({ id, ...rest } as any, sharedContext)
    return await this.retrieveLoyaltyReward(id, {}, sharedContext)
  }

  /** Updates a program; `earn_rates` and `points_as_money` are replaced, not merged. */
  @InjectTransactionManager()
  async updateProgram(id: string, data: Record<string, unknown>, @MedusaContext() sharedContext: Context = {}) {
    await this.replaceJsonColumns_("loyalty_program", id, data, sharedContext)
    const rest = omitKeys(data, REPLACED_JSON.loyalty_program)
    if (Object.keys(rest).length) await this.updateLoyaltyPrograms({ id, ...rest } as any, sharedContext)
    return await this.retrieveLoyaltyProgram(id, {}, sharedContext)
  }

  // --- tiers admin ---

  /** Updates a tier; its per-locale `name` and `perks` are replaced, not merged. */
  @InjectTransactionManager()
  async updateTier(id: string, data: Record<string, unknown>, @MedusaContext() sharedContext: Context = {}) {
    await this.replaceJsonColumns_("loyalty_tier", id, data, sharedContext)
    const rest = omitKeys(data, REPLACED_JSON.loyalty_tier)
    if (Object.keys(rest).length) await this.updateLoyaltyTiers({ id, ...rest } as any, sharedContext)
    return await this.retrieveLoyaltyTier(id, {}, sharedContext)
  }

  /** How many accounts of a program hold each tier (one grouped count; a tier nobody holds is absent). */
  @InjectManager()
  async countTierMembers(programId: string, @MedusaContext() sharedContext: Context = {}): Promise<Record<string, number>> {
    const rows: { tier_id: string; members: string | number }[] = await LedgerKernel.readerOf(sharedContext)(TABLES.account)
      .where({ program_id: programId })
      .whereNotNull("tier_id")
      .whereNull("deleted_at")
      .groupBy("tier_id")
      .select("tier_id")
      .count("* as members")
    return Object.fromEntries(rows.map((r) => [r.tier_id, Number(r.members)]))
  }

  /**
   * Soft-deletes a tier nobody holds. Members are moved by the tier rules only, so a tier that
   * members hold is refused (CONFLICT, `reason: "tier_in_use"`, `details.member_count`). The tier
   * row is locked first: a rule that takes it FOR SHARE before assigning it cannot slip in.
   */
  @InjectTransactionManager()
  async deleteTier(id: string, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    const knex = LedgerKernel.knexOf(sharedContext)
    const tier = await knex(TABLES.tier).where({ id }).whereNull("deleted_at").forUpdate().first("id", "name")
    if (!tier) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Tier ${id} was not found`)
    const [{ members }] = await knex(TABLES.account).where({ tier_id: id }).whereNull("deleted_at").count("* as members")
    const count = Number(members)
    if (count > 0) {
      throw Object.assign(
        new MedusaError(MedusaError.Types.CONFLICT, `Tier ${tier.name?.en ?? id} is held by ${count} member${count === 1 ? "" : "s"}: it can be deleted once nobody holds it`),
        { reason: "tier_in_use", details: { member_count: count } }
      )
    }
    // Soft delete under the tier's row lock, after the in-use check (the generated deleters are refused).
    await knex(TABLES.tier).where({ id }).update({ deleted_at: new Date(), updated_at: new Date() })
  }

  protected async replaceJsonColumns_(
    table: keyof typeof REPLACED_JSON,
    id: string,
    data: Record<string, unknown>,
    sharedContext: Context
  ) {
    const columns = REPLACED_JSON[table].filter((c) => data[c] !== undefined)
    if (!columns.length) return
    const knex = LedgerKernel.knexOf(sharedContext)
    const row = Object.fromEntries(columns.map((c) => [c, data[c] === null ? null : JSON.stringify(data[c])]))
    const updated = await knex(table).where({ id }).whereNull("deleted_at").update({ ...row, updated_at: new Date() })
    if (!updated) {
      const what = { loyalty_reward: "Reward", loyalty_program: "Loyalty program", loyalty_tier: "Tier" }[table]
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `${what} ${id} was not found`)
    }
  }

  /**
   * Checks every account against its entries: cached balance, points owed, lifetime points and
   * pending points against the sums of its entries, its lots against the entries that used and restored them.
   * With `fix`, rewrites each drifted account (caches and lots) from its entries while holding
   * the account's lock, re-reading under it; drift the entries themselves cannot explain is
   * reported in `unrepairable` and left alone.
   */
  @InjectTransactionManager()
  async rebuildBalances(
    { fix = false }: { fix?: boolean } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<RebuildBalancesResult> {
    const store = new RebuildStore(LedgerKernel.knexOf(sharedContext))
    const { accounts_checked, drift } = await store.report()
    const unrepairable: RebuildBalancesResult["unrepairable"] = []
    if (fix) {
      // Sorted, so two repairs running at once take the account locks in the same order.
      for (const id of drift.map((d) => d.account_id).sort()) {
        const problem = await store.repair(id)
        if (problem) unrepairable.push({ account_id: id, problem })
      }
    }
    return { accounts_checked, drift, fixed: fix && drift.length > unrepairable.length, unrepairable }
  }

  // --- go-live readiness ---

  /**
   * Records one moment of a scheduled job's run (or of the event-bus heartbeat) in
   * `loyalty_job_run`, upserted by name: `started`, `succeeded` or `failed` (with its error).
   * One statement, so two workers recording the same job never lose a count.
   */
  @InjectTransactionManager()
  async recordJobRun(
    input: { name: string; event: "started" | "succeeded" | "failed"; at?: Date; error?: string | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await recordJobRunSql(LedgerKernel.knexOf(sharedContext), { ...input, at: input.at ?? new Date() })
  }

  /**
   * Removes the accounts flagged `is_test` among `account_ids` with everything the loyalty
   * module keeps of them (entries, lots, redemptions, referrals, tier changes, reward-ready
   * notices), and the order retries of `order_ids`, in one transaction: the only one in which the
   * ledger's append-only trigger lets entries go (`rewardflow.test_cleanup`). An account not
   * flagged as test is never touched, whatever the caller passed.
   */
  @InjectTransactionManager()
  async removeTestData(
    input: { account_ids: string[]; order_ids?: string[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<TestDataRemoved> {
    return await removeTestDataSql(LedgerKernel.knexOf(sharedContext), input)
  }

  // --- pending points ---

  /**
   * Makes an order's pending points spendable once its pending period is over (`available_at`
   * <= `now`): one `mature` entry (keyed `mature:order:<order_id>`) that creates the lot and pays
   * any debt first. Null when nothing is due or it was done already.
   */
  @InjectTransactionManager()
  async maturePendingOrderPoints(
    input: { account_id: string; order_id: string; now?: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerChangeResult | null> {
    return await new PendingStore(LedgerKernel.knexOf(sharedContext)).matureOrder({ ...input, now: input.now ?? new Date() })
  }

  /** Orders whose pending points are due at `now`, the longest due first (for the maturation job). A read. */
  @InjectManager()
  async listDuePendingOrders(now: Date = new Date(), limit = 500, @MedusaContext() sharedContext: Context = {}): Promise<PendingOrderPoints[]> {
    return await PendingStore.due(LedgerKernel.readerOf(sharedContext), now, limit)
  }

  /** An account's pending points per order (points, order_id, available_at), the soonest first. A read. */
  @InjectManager()
  async listPendingPoints(accountId: string, @MedusaContext() sharedContext: Context = {}): Promise<PendingOrderPoints[]> {
    return await PendingStore.ofAccount(LedgerKernel.readerOf(sharedContext), accountId)
  }

  // --- VIP tiers ---

  /**
   * Whether a member's tier can move at all: the program has tiers, or the member holds one (a
   * tier deleted since). One indexed read; the points subscribers skip the evaluation otherwise,
   * so a program without tiers pays nothing on each order.
   */
  @InjectManager()
  async tiersApply(accountId: string, @MedusaContext() sharedContext: Context = {}): Promise<boolean> {
    const knex = LedgerKernel.readerOf(sharedContext)
    const row = await knex(`${TABLES.account} as a`)
      .where("a.id", accountId)
      .first(
        "a.tier_id",
        knex.raw(`exists (select 1 from ${TABLES.tier} t where t.program_id = a.program_id and t.deleted_at is null) as has_tiers`)
      )
    return !!row && (!!row.tier_id || !!row.has_tiers)
  }

  /**
   * Evaluates a member's tier under the account lock (see decideTier): an upgrade at once, the
   * grace period started or ended, a downgrade once the grace period is over. A move writes a
   * `loyalty_tier_change` row and sets `tier_id`; two evaluations at once write it once (the
   * second finds the member moved). `money_spent` is required for programs counting money spent.
   */
  @InjectTransactionManager()
  async evaluateTier(accountId: string, input: EvaluateTierInput, @MedusaContext() sharedContext: Context = {}): Promise<TierEvaluation> {
    return await new TierStore(LedgerKernel.knexOf(sharedContext)).evaluate(accountId, input)
  }

  /** Undoes an evaluation (workflow compensation) unless the account's tier moved again since. */
  @InjectTransactionManager()
  async revertTierEvaluation(
    input: { account_id: string; change_id: string | null; before: TierFields; after: TierFields },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<boolean> {
    return await new TierStore(LedgerKernel.knexOf(sharedContext)).revert(input)
  }

  /** Points an account earned from `since` on (what points_earned tiers count). A read. */
  @InjectManager()
  async retrieveTierPointsEarned(accountId: string, since: Date, @MedusaContext() sharedContext: Context = {}): Promise<number> {
    return await pointsEarnedSince(LedgerKernel.readerOf(sharedContext), accountId, since)
  }

  /** The orders an account earned on from `since` on, each with its earning basis (what money_spent tiers count). A read. */
  @InjectManager()
  async listTierOrderBases(accountId: string, since: Date, @MedusaContext() sharedContext: Context = {}) {
    return await orderBasesSince(LedgerKernel.readerOf(sharedContext), accountId, since)
  }

  /** Accounts the daily tier evaluation looks at (see tierCandidates), `limit` at a time after `after`. A read. */
  @InjectManager()
  async listTierEvaluationCandidates(
    input: { program_id: string; now: Date; after?: string; limit?: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    const knex = LedgerKernel.readerOf(sharedContext)
    const program = await knex(TABLES.program).where({ id: input.program_id }).first("tier_basis", "tier_period", "time_zone")
    if (!program) return []
    const [lowest] = await knex(TABLES.tier).where({ program_id: input.program_id }).whereNull("deleted_at").min({ threshold: "threshold" })
    return await tierCandidates(knex, {
      program_id: input.program_id,
      basis: program.tier_basis,
      since: tierWindow(program.tier_period, input.now, program.time_zone).start,
      lowest: lowest?.threshold ?? null,
      after: input.after ?? "",
      limit: input.limit ?? 200,
    })
  }

  // --- birthday and referral bonuses ---

  /** Whether any referral still waits for an order (signed up or qualified). One read; false lets order.placed skip the referral workflow. */
  @InjectManager()
  async hasOpenReferrals(@MedusaContext() sharedContext: Context = {}): Promise<boolean> {
    const row = await LedgerKernel.readerOf(sharedContext)(TABLES.referral).whereIn("status", ["signed_up", "qualified"]).whereNull("deleted_at").first("id")
    return !!row
  }

  /**
   * Sets the member's birthday (month and day; 29 February allowed), or removes it with null,
   * under the account lock. The first one given stamps `birthday_set_at`, any later change or
   * removal `birthday_changed_at` (the bonus rules read both); the same date again changes
   * nothing. A day the month does not have is refused (`invalid_birthday`).
   */
  @InjectTransactionManager()
  async setBirthday(
    accountId: string,
    birthday: Birthday | null,
    { now = new Date(), actor }: { now?: Date; actor?: LedgerActor } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<SetBirthdayResult> {
    return await new BirthdayStore(LedgerKernel.knexOf(sharedContext)).setBirthday(accountId, birthday, { now, actor })
  }

  /**
   * Pays the birthday bonus when `now` is the member's birthday in the program's time zone and
   * the rules allow it (see BirthdayStore.payBirthdayBonus); keyed `birthday:<account_id>:<year>`.
   */
  @InjectTransactionManager()
  async payBirthdayBonus(accountId: string, { now = new Date() }: { now?: Date } = {}, @MedusaContext() sharedContext: Context = {}): Promise<BirthdayBonusResult> {
    return await new BirthdayStore(LedgerKernel.knexOf(sharedContext)).payBirthdayBonus(accountId, now)
  }

  /** Active accounts of the program whose birthday bonus falls due on `now`'s day and is unpaid, by id after `after`. A read. */
  @InjectManager()
  async listBirthdayBonusesDue(
    input: { program_id: string; time_zone: string; now: Date; after?: string | null; limit?: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    return await BirthdayStore.dueToday(LedgerKernel.readerOf(sharedContext), { ...input, after: input.after ?? null, limit: input.limit ?? 500 })
  }

  /** The years the member's birthday bonus was paid. A read. */
  @InjectManager()
  async listPaidBirthdayYears(accountId: string, @MedusaContext() sharedContext: Context = {}): Promise<number[]> {
    return await paidBirthdayYears(LedgerKernel.readerOf(sharedContext), accountId)
  }

  /** The member's referral code, made now for a member enrolled before codes existed. */
  @InjectTransactionManager()
  async ensureReferralCode(accountId: string, @MedusaContext() sharedContext: Context = {}): Promise<string> {
    return await new ReferralStore(LedgerKernel.knexOf(sharedContext)).ensureCode(accountId)
  }

  /** The storefront link carrying a code (`?ref=CODE`), or null when no storefront URL is configured. */
  referralLinkFor(code: string | null | undefined): string | null {
    return referralLink(this.storefrontUrl_(), code)
  }

  /**
   * Applies what the referee's orders say (decideReferral) to an open referral, under its row
   * lock; a `reward` pays both sides once (`referral:<id>:referrer` / `:referee`).
   */
  @InjectTransactionManager()
  async settleReferral(
    input: { referral_id: string; decision: ReferralDecision; now?: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<SettleReferralResult> {
    return await new ReferralStore(LedgerKernel.knexOf(sharedContext)).settle({ ...input, now: input.now ?? new Date() })
  }

  /** Undoes a settlement a workflow could not finish (its compensation): bonuses taken back, the referral as it was. */
  @InjectTransactionManager()
  async revertReferralSettlement(input: { previous: ReferralRow; entry_ids: string[] }, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    await new ReferralStore(LedgerKernel.knexOf(sharedContext)).revert(input)
  }

  /** The referrals a member made, by status. A read. */
  @InjectManager()
  async countReferrals(accountId: string, @MedusaContext() sharedContext: Context = {}): Promise<Record<ReferralStatus, number>> {
    return await ReferralStore.countsOf(LedgerKernel.readerOf(sharedContext), accountId)
  }

  /** Ids of open referrals (signed up or qualified), by id after `after`, for the referral job. A read. */
  @InjectManager()
  async listOpenReferralIds(input: { after?: string | null; limit?: number } = {}, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    return await ReferralStore.open(LedgerKernel.readerOf(sharedContext), input.after ?? null, input.limit ?? 100)
  }

  // --- earn preview ---

  /**
   * What the earn preview reads of the loyalty module: the program, the customer's account and
   * its tier, in one SQL statement, outside any transaction (null customer: an anonymous shopper).
   * Only the very first call of a fresh install writes: it creates the program, as the award would.
   */
  @InjectManager()
  async previewContext(customerId: string | null, @MedusaContext() sharedContext: Context = {}): Promise<EarnPreviewContext> {
    const read = () => readEarnPreviewContext(LedgerKernel.readerOf(sharedContext), customerId)
    const found = await read()
    if (found) return found
    await this.getOrCreateDefaultProgram()
    return (await read())!
  }

  protected ledger_(sharedContext: Context) {
    return new LedgerStore(LedgerKernel.knexOf(sharedContext))
  }

  // The generated writers that would change points, lots, redemptions or accounts around the
  // account lock: refused, naming what to call instead.
  readonly createLoyaltyLedgerEntries = refuser("createLoyaltyLedgerEntries", "use creditPoints, debitPoints, reverseEntry or settleOrderPoints")
  readonly updateLoyaltyLedgerEntries = refuser("updateLoyaltyLedgerEntries", "the ledger is append-only; write a correcting entry")
  readonly deleteLoyaltyLedgerEntries = refuser("deleteLoyaltyLedgerEntries", "the ledger is append-only; write a correcting entry")
  readonly softDeleteLoyaltyLedgerEntries = refuser("softDeleteLoyaltyLedgerEntries", "the ledger is append-only; write a correcting entry")
  readonly restoreLoyaltyLedgerEntries = refuser("restoreLoyaltyLedgerEntries", "the ledger is append-only")
  readonly createLoyaltyPointLots = refuser("createLoyaltyPointLots", "lots are created by credits")
  readonly updateLoyaltyPointLots = refuser("updateLoyaltyPointLots", "lots change with the entries that use them (rebuildBalances with fix repairs them)")
  readonly deleteLoyaltyPointLots = refuser("deleteLoyaltyPointLots", "lots change with the entries that use them")
  readonly softDeleteLoyaltyPointLots = refuser("softDeleteLoyaltyPointLots", "lots change with the entries that use them")
  readonly restoreLoyaltyPointLots = refuser("restoreLoyaltyPointLots", "lots change with the entries that use them")
  readonly createLoyaltyRedemptions = refuser("createLoyaltyRedemptions", "use reserveRedemption (applyRewardToCartWorkflow)")
  readonly updateLoyaltyRedemptions = refuser("updateLoyaltyRedemptions", "use releaseRedemption, captureRedemption or refundRedemption")
  readonly deleteLoyaltyRedemptions = refuser("deleteLoyaltyRedemptions", "a redemption is released, never deleted")
  readonly softDeleteLoyaltyRedemptions = refuser("softDeleteLoyaltyRedemptions", "a redemption is released, never deleted")
  readonly restoreLoyaltyRedemptions = refuser("restoreLoyaltyRedemptions", "a redemption is released, never deleted")
  readonly createLoyaltyRewardReadyNotices = refuser("createLoyaltyRewardReadyNotices", "use claimRewardReadyNotices")
  readonly updateLoyaltyRewardReadyNotices = refuser("updateLoyaltyRewardReadyNotices", "use claimRewardReadyNotices")
  readonly deleteLoyaltyRewardReadyNotices = refuser("deleteLoyaltyRewardReadyNotices", "use releaseRewardReadyNotices")
  // A member's tier history is written by evaluateTier only, with the move it records.
  readonly deleteLoyaltyTiers = refuser("deleteLoyaltyTiers", "use deleteTier (deleteLoyaltyTierWorkflow), which refuses a tier members hold")
  readonly softDeleteLoyaltyTiers = refuser("softDeleteLoyaltyTiers", "use deleteTier (deleteLoyaltyTierWorkflow), which refuses a tier members hold")
  readonly createLoyaltyTierChanges = refuser("createLoyaltyTierChanges", "tiers move through evaluateTier (evaluateLoyaltyTierWorkflow)")
  readonly updateLoyaltyTierChanges = refuser("updateLoyaltyTierChanges", "the tier history is append-only")
  readonly deleteLoyaltyTierChanges = refuser("deleteLoyaltyTierChanges", "the tier history is append-only")
  readonly softDeleteLoyaltyTierChanges = refuser("softDeleteLoyaltyTierChanges", "the tier history is append-only")
  readonly createLoyaltyReferrals = refuser("createLoyaltyReferrals", "a referral is recorded by enroll with a referral code")
  readonly updateLoyaltyReferrals = refuser("updateLoyaltyReferrals", "a referral moves with settleReferral (the referral job)")
  readonly createLoyaltyAccounts = refuser("createLoyaltyAccounts", "use enroll (enrollCustomerWorkflow)")
  readonly deleteLoyaltyAccounts = refuser("deleteLoyaltyAccounts", "block the account instead; its ledger stays")
  readonly softDeleteLoyaltyAccounts = refuser("softDeleteLoyaltyAccounts", "block the account instead; its ledger stays")

  /** Updates an account's status, locale or metadata; its points move with the ledger only. */
  // @ts-expect-error the generated overloads are narrowed to the fields an account lets callers change
  async updateLoyaltyAccounts(data: unknown, sharedContext?: Context) {
    const rows = Array.isArray(data) ? data : [(data as { data?: unknown })?.data ?? data]
    for (const row of rows as Record<string, unknown>[]) {
      const bad = Object.keys(row ?? {}).filter((k) => !ACCOUNT_WRITABLE.includes(k))
      if (bad.length) {
        throw refused(`updateLoyaltyAccounts with ${bad.join(", ")}`, `only ${ACCOUNT_WRITABLE.slice(1).join(", ")} can be updated (points change through the ledger)`)
      }
    }
    return await super.updateLoyaltyAccounts(data as any, sharedContext)
  }
}

function omitKeys(data: Record<string, unknown>, keys: string[]) {
  return Object.fromEntries(Object.entries(data).filter(([k]) => !keys.includes(k)))
}

function assertPositivePoints(points: number) {
  if (!Number.isSafeInteger(points) || points <= 0) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `points must be a positive integer, got ${points}`
    )
  }
}
