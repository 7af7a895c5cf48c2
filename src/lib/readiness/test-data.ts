import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { ReadinessCheck, ReadinessLine } from "./types"

/** Orders are test orders when their metadata says `rewardflow_test: true` (the demo seed, the journeys). */
export const TEST_ORDER_FLAG = "rewardflow_test"

export type TestDataCounts = { accounts: number; entries: number; orders: number }

/**
 * What is flagged as test: accounts with `is_test`, their ledger entries, and orders whose
 * metadata has `rewardflow_test: true`. One read over indexed columns (the partial index on
 * test accounts), through the shared connection since order metadata is JSON Medusa's query cannot filter.
 */
export async function countTestData(container: MedusaContainer): Promise<TestDataCounts> {
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const { rows } = await pg.raw(
    `select
       (select count(*) from loyalty_account where is_test and deleted_at is null)::int as accounts,
       (select count(*) from loyalty_ledger_entry e join loyalty_account a on a.id = e.account_id where a.is_test)::int as entries,
       (select count(*) from "order" where deleted_at is null and metadata->>? = 'true')::int as orders`,
    [TEST_ORDER_FLAG]
  )
  return rows[0] as TestDataCounts
}

/** The ids the clean-up removes: test accounts, and test orders (not deleted yet). */
export async function findTestData(container: MedusaContainer): Promise<{ account_ids: string[]; order_ids: string[] }> {
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const [accounts, orders] = await Promise.all([
    pg.raw(`select id from loyalty_account where is_test order by id`),
    pg.raw(`select id from "order" where deleted_at is null and metadata->>? = 'true' order by id`, [TEST_ORDER_FLAG]),
  ])
  return { account_ids: accounts.rows.map((r: { id: string }) => r.id), order_ids: orders.rows.map((r: { id: string }) => r.id) }
}

/** Any test data left is a risk (Go live removes it first); none is ready. */
export const checkTestData: ReadinessCheck = async ({ container, now }): Promise<ReadinessLine> => {
  const counts = await countTestData(container)
  const checked_at = now.toISOString()
  const any = counts.accounts + counts.entries + counts.orders > 0
  return {
    id: "test_data",
    status: any ? "ready_with_risks" : "ready",
    summary: any
      ? `Test data is left: ${counts.accounts} account(s), ${counts.entries} ledger entr(ies), ${counts.orders} order(s); Go live removes it (or clean it up now)`
      : "No test data is left",
    evidence: [
      { label: "Test accounts (is_test)", value: counts.accounts, checked_at, source: "database" },
      { label: "Ledger entries of test accounts", value: counts.entries, checked_at, source: "database" },
      { label: `Orders with metadata ${TEST_ORDER_FLAG}: true`, value: counts.orders, checked_at, source: "database" },
    ],
    fix_path: "/loyalty/go-live",
  }
}
