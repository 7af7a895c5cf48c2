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
import { assertKnownOptions, defaultProgramFromOptions, redemptionSettingsFromOptions, type RewardFlowOptions } from "./options"
import { LedgerStore } from "./lib/ledger-store"
import { RedemptionStore, type ReserveRedemptionInput, type ReserveRedemptionResult } from "./lib/redemption-store"
import { LedgerEntry, LoyaltyAccount, LoyaltyProgram, PointLot, Redemption, Reward, RewardReadyNotice } from "./models"
import type {
  BalanceDrift,
  CreditPointsInput,
  DebitPointsInput,
  EnrollInput,
  EnrollResult,
  LedgerChangeResult,
  LedgerActor,
  LedgerEntryDTO,
  LedgerSourceType,
  RebuildBalancesResult,
  RedemptionDTO,
  ReverseEntryInput,
} from "./types"

const DEFAULT_PROGRAM_LOCK = "rewardflow:default-program"

/**
 * JSON columns an update replaces whole. The generated update merges JSON objects key by key,
 * so a locale or currency a merchant removed would survive; these are settings, not metadata.
 */
const REPLACED_JSON: Record<"loyalty_reward" | "loyalty_program", string[]> = {
  loyalty_reward: ["name", "description", "amounts", "max_discount", "min_subtotal"],
  loyalty_program: ["earn_rates", "points_as_money"],
}

/**
 * The loyalty module: programs, accounts and the points ledger.
 * Every change of points goes through creditPoints, debitPoints, reverseEntry or
 * expireDueLots, which lock the account row and keep the cached balance in step.
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
}) {
  protected readonly defaultProgram_: ReturnType<typeof defaultProgramFromOptions>
  protected readonly redemptionSettings_: ReturnType<typeof redemptionSettingsFromOptions>

  constructor(container: Record<string, unknown>, options: RewardFlowOptions = {}) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    // Fails the boot with a message naming the bad option.
    assertKnownOptions(options)
    this.defaultProgram_ = defaultProgramFromOptions(options)
    this.redemptionSettings_ = redemptionSettingsFromOptions(options)
  }

  /** Redemption settings from the plugin options, with defaults. */
  getRedemptionSettings() {
    return { ...this.redemptionSettings_ }
  }

  /** The store's program: the oldest one, created with defaults when there is none. */
  @InjectManager()
  async getOrCreateDefaultProgram(@MedusaContext() sharedContext: Context = {}) {
    const id = await this.getOrCreateDefaultProgramId_(sharedContext)
    return await this.retrieveLoyaltyProgram(id, {}, sharedContext)
  }

  @InjectTransactionManager()
  protected async getOrCreateDefaultProgramId_(
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string> {
    const knex = LedgerStore.knexOf(sharedContext)
    const oldest = () =>
      knex("loyalty_program").whereNull("deleted_at").orderBy("created_at", "asc").first("id")
    // Every checkout and storefront read asks for the program: take the lock only to create it.
    let existing = await oldest()
    if (!existing) {
      await knex.raw("select pg_advisory_xact_lock(hashtext(?))", [DEFAULT_PROGRAM_LOCK])
      existing = await oldest()
    }
    if (existing) {
      return existing.id
    }
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
        // A card number collision (1 in 10^14) is retried with a new number.
        if (attempt < 3 && LedgerStore.isUniqueViolation(e, "card_number")) continue
        throw e
      }
    }
  }

  @InjectTransactionManager()
  protected async enroll_(
    input: EnrollInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<EnrollResult> {
    const store = LedgerStore.of(sharedContext)
    const program = await store.program(input.program_id)
    const { account_id, created } = await store.insertAccount({
      program_id: program.id,
      customer_id: input.customer_id,
      card_number: generateCardNumber(),
      locale: input.locale ?? null,
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
    return { account_id, created, welcome_bonus }
  }

  /** Adds points (earn, welcome bonus, positive adjustment). Idempotent on the key. */
  @InjectTransactionManager()
  async creditPoints(
    input: CreditPointsInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerChangeResult> {
    assertPositivePoints(input.points)
    return await LedgerStore.of(sharedContext).credit(input)
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
    return await LedgerStore.of(sharedContext).debit(input)
  }

  /**
   * Undoes an entry with a new one. A credit is taken back as far as the balance allows
   * (the rest is recorded as `shortfall`); a debit is given back to the lots it used.
   */
  @InjectTransactionManager()
  async reverseEntry(
    input: ReverseEntryInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerChangeResult | null> {
    return await LedgerStore.of(sharedContext).reverse(input)
  }

  /**
   * Takes back part of a credit (returned items): never more than is left of it, never below
   * zero (the rest is recorded as shortfall). Idempotent on the key.
   */
  @InjectTransactionManager()
  async reversePartOfEntry(
    input: { entry_id: string; points: number; idempotency_key: string; source_type: LedgerSourceType; source_id: string; reason: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerChangeResult | null> {
    assertPositivePoints(input.points)
    return await LedgerStore.of(sharedContext).reversePart(input)
  }

  /** Points of an entry already taken back in parts (by returns). */
  @InjectTransactionManager()
  async pointsTakenBackInParts(entryId: string, @MedusaContext() sharedContext: Context = {}): Promise<number> {
    return await LedgerStore.of(sharedContext).partsTakenBack(entryId)
  }

  /**
   * The entry that holds an idempotency key now: entries undone by a workflow compensation
   * are skipped, so a retried run's entry is found. Null when the key was never used.
   */
  @InjectTransactionManager()
  async retrieveLiveEntryByKey(
    idempotencyKey: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerEntryDTO | null> {
    const { entry } = await LedgerStore.of(sharedContext).followKey(idempotencyKey)
    return entry
  }

  /** Expires the lots of an account whose expiry date has passed. */
  @InjectTransactionManager()
  async expireDueLots(
    accountId: string,
    now: Date = new Date(),
    @MedusaContext() sharedContext: Context = {}
  ): Promise<LedgerChangeResult[]> {
    return await LedgerStore.of(sharedContext).expireDueLots(accountId, now)
  }

  /** Ids of accounts holding lots that expired before `now` (for the expiry job). */
  @InjectTransactionManager()
  async listAccountIdsWithDueLots(
    now: Date = new Date(),
    limit = 500,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    return await LedgerStore.of(sharedContext).accountIdsWithDueLots(now, limit)
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
    return await new RedemptionStore(LedgerStore.knexOf(sharedContext)).reserve(input)
  }

  /** Marks a pending redemption reserved, with the promotion that carries its discount. */
  @InjectTransactionManager()
  async attachRedemptionPromotion(
    redemptionId: string,
    promotionId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<RedemptionDTO> {
    return await new RedemptionStore(LedgerStore.knexOf(sharedContext)).attachPromotion(redemptionId, promotionId)
  }

  /** Gives a redemption's reserved points back. Idempotent; refuses a spent one. */
  @InjectTransactionManager()
  async releaseRedemption(
    input: { redemption_id: string; reason: string; actor?: LedgerActor; free_key?: boolean },
    @MedusaContext() sharedContext: Context = {}
  ) {
    return await new RedemptionStore(LedgerStore.knexOf(sharedContext)).release(input)
  }

  /** Spends a reserved redemption on an order (a 0-point `redeem` entry closing the reservation). */
  @InjectTransactionManager()
  async captureRedemption(
    input: { redemption_id: string; order_id: string },
    @MedusaContext() sharedContext: Context = {}
  ) {
    return await new RedemptionStore(LedgerStore.knexOf(sharedContext)).capture(input)
  }

  /** Gives back the points a canceled order spent. Idempotent. */
  @InjectTransactionManager()
  async refundRedemption(
    input: { redemption_id: string; reason: string },
    @MedusaContext() sharedContext: Context = {}
  ) {
    return await new RedemptionStore(LedgerStore.knexOf(sharedContext)).refund(input)
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
    const knex = LedgerStore.knexOf(sharedContext)
    const rows = await knex("loyalty_reward_ready_notice")
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
    await LedgerStore.knexOf(sharedContext)("loyalty_reward_ready_notice")
      .where({ account_id: input.account_id, entry_id: input.entry_id })
      .whereIn("reward_id", input.reward_ids)
      .delete()
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

  protected async replaceJsonColumns_(
    table: keyof typeof REPLACED_JSON,
    id: string,
    data: Record<string, unknown>,
    sharedContext: Context
  ) {
    const columns = REPLACED_JSON[table].filter((c) => data[c] !== undefined)
    if (!columns.length) return
    const knex = LedgerStore.knexOf(sharedContext)
    const row = Object.fromEntries(columns.map((c) => [c, data[c] === null ? null : JSON.stringify(data[c])]))
    const updated = await knex(table).where({ id }).whereNull("deleted_at").update({ ...row, updated_at: new Date() })
    if (!updated) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `${table === "loyalty_reward" ? "Reward" : "Loyalty program"} ${id} was not found`)
    }
  }

  /**
   * Recomputes every cached balance from the ledger and reports accounts whose cache or
   * lots disagree with it. With `fix`, rewrites the cached balances (the ledger is the truth).
   */
  @InjectTransactionManager()
  async rebuildBalances(
    { fix = false }: { fix?: boolean } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<RebuildBalancesResult> {
    const store = LedgerStore.of(sharedContext)
    const rows = await store.balanceReport()
    const drift: BalanceDrift[] = rows.filter(
      (r) => r.cached_balance !== r.ledger_balance || r.lot_balance !== r.ledger_balance
    )
    if (fix) {
      for (const d of drift) {
        await store.writeCachedBalance(d.account_id, d.ledger_balance)
      }
    }
    return { accounts_checked: rows.length, drift, fixed: fix && drift.length > 0 }
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
