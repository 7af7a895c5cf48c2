import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/** Analytics count members by enrollment date: an index for it. */
export class Migration20261204185304 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_account_program_enrolled" ON "loyalty_account" ("program_id", "enrolled_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_loyalty_account_program_enrolled";`);
  }

}
