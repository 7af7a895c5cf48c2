import { model } from "@medusajs/framework/utils"
import { LEDGER_ENTRY_TYPES, LEDGER_SOURCE_TYPES } from "../types"
import { LoyaltyAccount } from "./loyalty-account"

/**
 * One change of points. Append-only: a database trigger rejects UPDATE and DELETE.
 * `idempotency_key` is UNIQUE, so a repeated event or retried request never counts twice.
 * Debits record in `lot_allocations` which lots they consumed, so a release or reversal
 * can give the points back to the lots (and expiry dates) they came from; entries that give
 * points back record the lots they restored the same way.
 * `points` changes the spendable balance, `owed_change` what the account owes (`debt`,
 * `debt_paid`), `earned_change` lifetime_earned (earning credits and their clawbacks).
 */
export const LedgerEntry = model
  .define("loyalty_ledger_entry", {
    id: model.id({ prefix: "lent" }).primaryKey(),
    type: model.enum([...LEDGER_ENTRY_TYPES]),
    points: model.number(),
    balance_after: model.number(),
    shortfall: model.number().default(0),
    owed_change: model.number().default(0),
    earned_change: model.number().default(0),
    /** Change of points_pending (order points of the program's pending period, not spendable yet). */
    pending_change: model.number().default(0),
    source_type: model.enum([...LEDGER_SOURCE_TYPES]),
    source_id: model.text().nullable(),
    idempotency_key: model.text(),
    reverses_entry_id: model.text().nullable(),
    lot_allocations: model.json().nullable(),
    actor_user_id: model.text().nullable(),
    actor_customer_id: model.text().nullable(),
    actor_device_id: model.text().nullable(),
    actor_staff_id: model.text().nullable(),
    reason: model.text().nullable(),
    metadata: model.json().nullable(),
    account: model.belongsTo(() => LoyaltyAccount, { mappedBy: "entries" }),
  })
  .indexes([
    { name: "IDX_loyalty_ledger_entry_idempotency_key", on: ["idempotency_key"], unique: true, where: null },
    { name: "IDX_loyalty_ledger_entry_account_created", on: ["account_id", "created_at"] },
    { name: "IDX_loyalty_ledger_entry_source", on: ["source_type", "source_id"] },
    // Analytics read the ledger by period.
    { name: "IDX_loyalty_ledger_entry_created_at", on: ["created_at", "type"] },
    // An entry is reversed at most once, whatever key the second attempt carries.
    {
      name: "IDX_loyalty_ledger_entry_reverses_entry_id",
      on: ["reverses_entry_id"],
      unique: true,
      where: "reverses_entry_id IS NOT NULL",
    },
  ])
