/**
 * Bulk seeding for the scenarios that need a big ledger (rebuildBalances, debits against
 * many open lots). Writing 20,000 entries one creditPoints call at a time would take most
 * of the time budget, so the rows are inserted directly, in the exact shape creditPoints
 * writes them: one `earn` entry + one lot per credit, running balance_after, earned_change, and
 * the account's cached balance and lifetime_earned equal to the sums. The invariant check that
 * follows the seeding proves the seeded ledger is consistent.
 */
const { generateEntityId } = require("@medusajs/framework/utils")

/**
 * @param {import("knex").Knex} knex
 * @param {{ programId: string, accounts: number, entriesPerAccount: number, pointsPerEntry: number, tag: string }} o
 * @returns {Promise<string[]>} the account ids
 */
async function seedLedger(knex, { programId, accounts, entriesPerAccount, pointsPerEntry, tag }) {
  const accountRows = []
  const entryRows = []
  const lotRows = []
  for (let a = 0; a < accounts; a++) {
    const accountId = generateEntityId(undefined, "lacct")
    const total = entriesPerAccount * pointsPerEntry
    accountRows.push({
      id: accountId,
      program_id: programId,
      customer_id: `cus_seed_${tag}_${a}`,
      // Unique per seeding; seeded cards need not pass the Luhn check.
      card_number: `seed-${tag}-${a}`,
      status: "active",
      balance: total,
      lifetime_earned: total,
      enrolled_at: new Date(),
    })
    for (let e = 0; e < entriesPerAccount; e++) {
      const entryId = generateEntityId(undefined, "lent")
      entryRows.push({
        id: entryId,
        account_id: accountId,
        type: "earn",
        points: pointsPerEntry,
        balance_after: (e + 1) * pointsPerEntry,
        shortfall: 0,
        earned_change: pointsPerEntry,
        source_type: "order",
        source_id: `order_seed_${tag}_${a}_${e}`,
        idempotency_key: `seed:${tag}:${a}:${e}`,
      })
      lotRows.push({
        id: generateEntityId(undefined, "llot"),
        account_id: accountId,
        entry_id: entryId,
        points: pointsPerEntry,
        remaining: pointsPerEntry,
        expires_at: null,
      })
    }
  }
  await knex.transaction(async (trx) => {
    await trx.batchInsert("loyalty_account", accountRows, 1000)
    await trx.batchInsert("loyalty_ledger_entry", entryRows, 1000)
    await trx.batchInsert("loyalty_point_lot", lotRows, 1000)
  })
  await knex.raw("analyze loyalty_account, loyalty_ledger_entry, loyalty_point_lot")
  return accountRows.map((r) => r.id)
}

module.exports = { seedLedger }
