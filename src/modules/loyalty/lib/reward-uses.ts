import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { TABLES } from "./ledger/tables"

/**
 * How often a shopper has each reward: open on a cart (pending, reserved), redeemed at checkout,
 * or redeemed at a till and not voided. A reward's per-customer limit counts all of them, online
 * and in store alike. `rewardIds` narrows the count; without it every reward of the account.
 */
export async function rewardUses(knex: Knex, accountId: string, rewardIds?: string[]): Promise<Map<string, number>> {
  const uses = new Map<string, number>()
  if (rewardIds && !rewardIds.length) return uses
  const { rows } = await knex.raw(
    `select reward_id, count(*)::int as used from (
       select r.reward_id
         from ${TABLES.redemption} r
        where r.account_id = ? and r.reward_id is not null and r.deleted_at is null
          and r.status in ('pending', 'reserved', 'redeemed')
       union all
       select e.metadata->>'reward_id' as reward_id
         from ${TABLES.entry} e
        where e.account_id = ? and e.type = 'redeem' and e.source_type = 'terminal'
          and e.metadata->>'reward_id' is not null
          and not exists (select 1 from ${TABLES.entry} v where v.reverses_entry_id = e.id)
     ) uses
     ${rewardIds ? "where reward_id = any(?)" : ""}
     group by reward_id`,
    rewardIds ? [accountId, accountId, rewardIds] : [accountId, accountId]
  )
  for (const row of rows as { reward_id: string; used: number }[]) uses.set(row.reward_id, row.used)
  return uses
}
