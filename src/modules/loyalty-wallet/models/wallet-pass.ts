import { model } from "@medusajs/framework/utils"

/**
 * The Google Wallet loyalty object of one account and its sync state. A pass exists once the
 * shopper asked for the "Add to Google Wallet" link. When a sync fails the pass is `out_of_date`
 * and `next_attempt_at` says when the retry job tries again (exponential backoff on `attempts`).
 * `notifications.sent_at` keeps the times of updates sent with a notification in the last 24 hours
 * (Google allows 3 per pass per 24 h).
 */
export const WalletPass = model
  .define("loyalty_wallet_pass", {
    id: model.id({ prefix: "lwpass" }).primaryKey(),
    account_id: model.text().unique(),
    program_id: model.text(),
    class_id: model.text(),
    object_id: model.text(),
    synced_balance: model.number().nullable(),
    /** Hash of the object body last written to Google; a sync with the same body is skipped. */
    payload_hash: model.text().nullable(),
    out_of_date: model.boolean().default(false),
    attempts: model.number().default(0),
    next_attempt_at: model.dateTime().nullable(),
    last_error: model.text().nullable(),
    notifications: model.json().default({ sent_at: [] }),
    last_synced_at: model.dateTime().nullable(),
  })
  .indexes([
    { name: "IDX_loyalty_wallet_pass_retry", on: ["next_attempt_at"], where: "out_of_date = true" },
  ])
