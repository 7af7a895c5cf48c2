import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261125161649 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_point_lot_open" ON "loyalty_point_lot" ("account_id", "expires_at", "created_at", "id") WHERE remaining > 0 AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_loyalty_point_lot_open";`);
  }

}
