import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261125173955 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "loyalty_email_log" add column if not exists "attempt_history" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "loyalty_email_log" drop column if exists "attempt_history";`);
  }

}
