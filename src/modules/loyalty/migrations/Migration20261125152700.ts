import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Makes the ledger append-only in the database itself: an UPDATE or DELETE of a ledger
 * entry fails, whatever code runs it. Corrections are new entries.
 */
export class Migration20261125152700 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create or replace function loyalty_ledger_entry_append_only() returns trigger as $$
      begin
        raise exception 'loyalty_ledger_entry is append-only: % is not allowed (write a correcting entry instead)', tg_op
          using errcode = 'restrict_violation';
      end;
      $$ language plpgsql;`)
    this.addSql(`drop trigger if exists loyalty_ledger_entry_append_only on "loyalty_ledger_entry";`)
    this.addSql(`
      create trigger loyalty_ledger_entry_append_only
      before update or delete on "loyalty_ledger_entry"
      for each row execute function loyalty_ledger_entry_append_only();`)
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists loyalty_ledger_entry_append_only on "loyalty_ledger_entry";`)
    this.addSql(`drop function if exists loyalty_ledger_entry_append_only();`)
  }
}
