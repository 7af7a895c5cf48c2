import { model } from "@medusajs/framework/utils"

/**
 * Something the go-live board records rather than measures: a person's check of a saved Wallet
 * pass on a real phone, a run of the user journeys, a test-data clean-up, the go-live itself.
 * Kept as history (who, when, what was found); the board reads the latest of each kind.
 */
export const ReadinessRecord = model
  .define("loyalty_readiness_record", {
    id: model.id({ prefix: "lrdy" }).primaryKey(),
    kind: model.enum(["wallet_device_check", "journeys", "test_cleanup", "go_live"]),
    passed: model.boolean().default(true),
    actor_user_id: model.text().nullable(),
    note: model.text().nullable(),
    details: model.json().nullable(),
  })
  .indexes([{ name: "IDX_loyalty_readiness_record_kind", on: ["kind", "created_at"] }])
