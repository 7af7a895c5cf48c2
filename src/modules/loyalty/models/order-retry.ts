import { model } from "@medusajs/framework/utils"

/**
 * An order whose loyalty coordinator run failed (a busy account, a database error, a lock not
 * obtained): kept until a retry settles it, so a failure never loses an order's points. The
 * `rewardflow-retry-order-loyalty` job runs the coordinator again when `next_attempt_at` is due.
 */
export const OrderRetry = model
  .define("loyalty_order_retry", {
    id: model.id({ prefix: "lordr" }).primaryKey(),
    order_id: model.text(),
    /** The event (or job) whose run failed first. */
    trigger: model.text(),
    attempts: model.number().default(0),
    last_error: model.text().nullable(),
    next_attempt_at: model.dateTime(),
  })
  .indexes([
    { name: "IDX_loyalty_order_retry_order_id", on: ["order_id"], unique: true, where: null },
    { name: "IDX_loyalty_order_retry_due", on: ["next_attempt_at"] },
  ])
