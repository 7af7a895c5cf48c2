import { model } from "@medusajs/framework/utils"

/**
 * `loyalty.reward_ready` told for one reward, by the ledger entry whose points made the
 * balance cover it. Unique per (account, reward, entry): a redelivered points event (same
 * entry) finds the notice and emits nothing again; a later crossing is another entry.
 */
export const RewardReadyNotice = model
  .define("loyalty_reward_ready_notice", {
    id: model.id({ prefix: "lrrn" }).primaryKey(),
    account_id: model.text(),
    reward_id: model.text(),
    entry_id: model.text(),
  })
  .indexes([
    { name: "IDX_loyalty_reward_ready_notice_unique", on: ["account_id", "reward_id", "entry_id"], unique: true, where: null },
  ])
