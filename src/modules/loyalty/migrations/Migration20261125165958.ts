import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261125165958 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "loyalty_reward" ("id" text not null, "name" jsonb not null, "description" jsonb null, "points_cost" integer not null, "type" text check ("type" in ('fixed_amount', 'percentage', 'free_shipping', 'free_product')) not null, "amounts" jsonb null, "percentage" integer null, "max_discount" jsonb null, "variant_id" text null, "min_subtotal" jsonb null, "starts_at" timestamptz null, "ends_at" timestamptz null, "per_customer_limit" integer null, "is_active" boolean not null default true, "metadata" jsonb null, "program_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_reward_pkey" primary key ("id"), constraint loyalty_reward_points_cost_positive check (points_cost > 0), constraint loyalty_reward_percentage_range check (percentage IS NULL OR (percentage > 0 AND percentage <= 100)), constraint loyalty_reward_per_customer_limit_positive check (per_customer_limit IS NULL OR per_customer_limit > 0));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_reward_program_id" ON "loyalty_reward" ("program_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_reward_deleted_at" ON "loyalty_reward" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_reward_program_active" ON "loyalty_reward" ("program_id", "is_active") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "loyalty_redemption" ("id" text not null, "kind" text check ("kind" in ('reward', 'points')) not null, "status" text check ("status" in ('pending', 'reserved', 'redeemed', 'released', 'refunded')) not null default 'pending', "points" integer not null, "currency_code" text not null, "discount_amount" numeric null, "cart_id" text not null, "promotion_id" text null, "promotion_code" text null, "order_id" text null, "reserve_entry_id" text null, "settle_entry_id" text null, "refund_entry_id" text null, "idempotency_key" text not null, "released_reason" text null, "redeemed_at" timestamptz null, "released_at" timestamptz null, "refunded_at" timestamptz null, "metadata" jsonb null, "account_id" text not null, "reward_id" text null, "raw_discount_amount" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_redemption_pkey" primary key ("id"), constraint loyalty_redemption_points_positive check (points > 0));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_redemption_account_id" ON "loyalty_redemption" ("account_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_redemption_reward_id" ON "loyalty_redemption" ("reward_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_redemption_deleted_at" ON "loyalty_redemption" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_redemption_idempotency_key" ON "loyalty_redemption" ("idempotency_key");`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_redemption_cart_id" ON "loyalty_redemption" ("cart_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_redemption_order_id" ON "loyalty_redemption" ("order_id") WHERE order_id IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_redemption_account_reward" ON "loyalty_redemption" ("account_id", "reward_id", "status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_loyalty_redemption_open" ON "loyalty_redemption" ("status", "updated_at") WHERE status IN ('pending', 'reserved') AND deleted_at IS NULL;`);

    this.addSql(`alter table if exists "loyalty_reward" add constraint "loyalty_reward_program_id_foreign" foreign key ("program_id") references "loyalty_program" ("id") on update cascade;`);

    this.addSql(`alter table if exists "loyalty_redemption" add constraint "loyalty_redemption_account_id_foreign" foreign key ("account_id") references "loyalty_account" ("id") on update cascade;`);
    this.addSql(`alter table if exists "loyalty_redemption" add constraint "loyalty_redemption_reward_id_foreign" foreign key ("reward_id") references "loyalty_reward" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table if exists "loyalty_program" add column if not exists "points_as_money" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "loyalty_redemption" drop constraint if exists "loyalty_redemption_reward_id_foreign";`);

    this.addSql(`drop table if exists "loyalty_reward" cascade;`);

    this.addSql(`drop table if exists "loyalty_redemption" cascade;`);

    this.addSql(`alter table if exists "loyalty_program" drop column if exists "points_as_money";`);
  }

}
