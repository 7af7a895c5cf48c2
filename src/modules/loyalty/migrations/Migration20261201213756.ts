import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261201213756 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "loyalty_reward_ready_notice" drop constraint if exists "loyalty_reward_ready_notice_unique";`);
    this.addSql(`create table if not exists "loyalty_reward_ready_notice" ("id" text not null, "account_id" text not null, "reward_id" text not null, "entry_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_reward_ready_notice_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_reward_ready_notice_deleted_at" ON "loyalty_reward_ready_notice" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_reward_ready_notice_unique" ON "loyalty_reward_ready_notice" ("account_id", "reward_id", "entry_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "loyalty_reward_ready_notice" cascade;`);
  }

}
