import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * Debts and per-entry sums: `points_owed` on the account (with "no spendable points while
 * owing" as a CHECK), `owed_change` and `earned_change` on entries, the `debt` and `debt_paid`
 * entry types, and an index for the checkout guard's lookup by promotion code.
 * Entries written before this get their `earned_change` from their type (earning credits, and
 * clawbacks of them), so lifetime_earned stays the sum of the ledger.
 */
export class Migration20261202185433 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "loyalty_ledger_entry" drop constraint if exists "loyalty_ledger_entry_type_check";`);

    this.addSql(`alter table if exists "loyalty_account" add column if not exists "points_owed" integer not null default 0;`);
    this.addSql(`alter table if exists "loyalty_account" add constraint loyalty_account_points_owed_non_negative check(points_owed >= 0);`);
    this.addSql(`alter table if exists "loyalty_account" add constraint loyalty_account_no_balance_while_owing check(balance = 0 OR points_owed = 0);`);

    this.addSql(`alter table if exists "loyalty_ledger_entry" add column if not exists "owed_change" integer not null default 0, add column if not exists "earned_change" integer not null default 0;`);
    this.addSql(`alter table if exists "loyalty_ledger_entry" add constraint "loyalty_ledger_entry_type_check" check("type" in ('earn', 'welcome_bonus', 'redeem', 'reserve', 'release', 'reverse', 'adjust', 'expire', 'transfer', 'debt', 'debt_paid'));`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_redemption_promotion_code" ON "loyalty_redemption" ("promotion_code") WHERE promotion_code IS NOT NULL AND deleted_at IS NULL;`);

    // The ledger is append-only (trigger); only this one-time backfill of a new column may update it.
    this.addSql(`alter table "loyalty_ledger_entry" disable trigger loyalty_ledger_entry_append_only;`);
    this.addSql(`update "loyalty_ledger_entry" set "earned_change" = "points" where "type" in ('earn', 'welcome_bonus');`);
    this.addSql(`
      update "loyalty_ledger_entry" e set "earned_change" = e."points" - e."shortfall"
        from "loyalty_ledger_entry" c
       where e."type" = 'reverse' and e."points" <= 0 and c."type" in ('earn', 'welcome_bonus')
         and c."id" = coalesce(e."reverses_entry_id", e."metadata"->>'part_of_entry_id');`);
    this.addSql(`alter table "loyalty_ledger_entry" enable trigger loyalty_ledger_entry_append_only;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "loyalty_ledger_entry" drop constraint if exists "loyalty_ledger_entry_type_check";`);

    this.addSql(`alter table if exists "loyalty_account" drop constraint if exists loyalty_account_points_owed_non_negative;`);
    this.addSql(`alter table if exists "loyalty_account" drop constraint if exists loyalty_account_no_balance_while_owing;`);
    this.addSql(`alter table if exists "loyalty_account" drop column if exists "points_owed";`);

    this.addSql(`alter table if exists "loyalty_ledger_entry" drop column if exists "owed_change", drop column if exists "earned_change";`);

    this.addSql(`alter table if exists "loyalty_ledger_entry" add constraint "loyalty_ledger_entry_type_check" check("type" in ('earn', 'welcome_bonus', 'redeem', 'reserve', 'release', 'reverse', 'adjust', 'expire', 'transfer'));`);

    this.addSql(`drop index if exists "IDX_loyalty_redemption_promotion_code";`);
  }

}
