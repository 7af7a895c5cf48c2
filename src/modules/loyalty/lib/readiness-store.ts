import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId } from "@medusajs/framework/utils"
import { TABLES } from "./ledger/tables"

const JOB_RUN = "loyalty_job_run"

/** What the test-data clean-up removed from the loyalty module, per table. */
export type TestDataRemoved = {
  account_ids: string[]
  accounts: number
  entries: number
  lots: number
  redemptions: number
  referrals: number
  tier_changes: number
  reward_ready_notices: number
  order_retries: number
}

/**
 * Upserts a job run by name. `started` stamps the start and counts the run; `succeeded` and
 * `failed` stamp the finish (a failure counts and keeps its error, a success clears the error).
 */
export async function recordJobRunSql(
  knex: Knex,
  input: { name: string; event: "started" | "succeeded" | "failed"; at: Date; error?: string | null }
): Promise<void> {
  const { name, event, at } = input
  const error = event === "failed" ? (input.error ?? "unknown error").slice(0, 2000) : null
  const started = event === "started"
  const columns = {
    last_started_at: started ? at : null,
    last_finished_at: started ? null : at,
    last_succeeded_at: event === "succeeded" ? at : null,
    last_failed_at: event === "failed" ? at : null,
  }
  await knex.raw(
    `insert into ${JOB_RUN} (id, name, last_started_at, last_finished_at, last_succeeded_at, last_failed_at, last_error, runs, failures)
     values (:id, :name, :last_started_at, :last_finished_at, :last_succeeded_at, :last_failed_at, :error, :runs, :failures)
     on conflict (name) do update set
       last_started_at = coalesce(excluded.last_started_at, ${JOB_RUN}.last_started_at),
       last_finished_at = coalesce(excluded.last_finished_at, ${JOB_RUN}.last_finished_at),
       last_succeeded_at = coalesce(excluded.last_succeeded_at, ${JOB_RUN}.last_succeeded_at),
       last_failed_at = coalesce(excluded.last_failed_at, ${JOB_RUN}.last_failed_at),
       last_error = case when :event = 'started' then ${JOB_RUN}.last_error else excluded.last_error end,
       runs = ${JOB_RUN}.runs + excluded.runs,
       failures = ${JOB_RUN}.failures + excluded.failures,
       deleted_at = null,
       updated_at = now()`,
    { id: generateEntityId(undefined, "ljrun"), name, ...columns, error, runs: started ? 1 : 0, failures: event === "failed" ? 1 : 0, event }
  )
}

/**
 * Deletes the test accounts among `account_ids` and what hangs on them, children first (the
 * foreign keys do not cascade). The ledger trigger lets these entries go only because this
 * transaction says so with `set local`, which ends with the transaction.
 */
export async function removeTestDataSql(knex: Knex, input: { account_ids: string[]; order_ids?: string[] }): Promise<TestDataRemoved> {
  const wanted = [...new Set(input.account_ids)]
  const ids: string[] = wanted.length
    ? (await knex(TABLES.account).whereIn("id", wanted).andWhere("is_test", true).select("id")).map((r: { id: string }) => r.id)
    : []
  const orderIds = [...new Set(input.order_ids ?? [])]
  const removed: TestDataRemoved = {
    account_ids: ids,
    accounts: 0,
    entries: 0,
    lots: 0,
    redemptions: 0,
    referrals: 0,
    tier_changes: 0,
    reward_ready_notices: 0,
    order_retries: orderIds.length ? await knex(TABLES.orderRetry).whereIn("order_id", orderIds).del() : 0,
  }
  if (!ids.length) return removed
  await knex.raw("set local rewardflow.test_cleanup = 'on'")
  removed.reward_ready_notices = await knex(TABLES.rewardReadyNotice).whereIn("account_id", ids).del()
  removed.tier_changes = await knex(TABLES.tierChange).whereIn("account_id", ids).del()
  removed.referrals = await knex(TABLES.referral).whereIn("referrer_account_id", ids).orWhereIn("referee_account_id", ids).del()
  removed.entries = await knex(TABLES.entry).whereIn("account_id", ids).del()
  removed.redemptions = await knex(TABLES.redemption).whereIn("account_id", ids).del()
  removed.lots = await knex(TABLES.lot).whereIn("account_id", ids).del()
  removed.accounts = await knex(TABLES.account).whereIn("id", ids).andWhere("is_test", true).del()
  return removed
}
