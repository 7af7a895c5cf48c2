/** The loyalty module's tables, named once for every store that writes SQL. */
export const TABLES = {
  account: "loyalty_account",
  entry: "loyalty_ledger_entry",
  lot: "loyalty_point_lot",
  program: "loyalty_program",
  redemption: "loyalty_redemption",
  reward: "loyalty_reward",
  rewardReadyNotice: "loyalty_reward_ready_notice",
  orderRetry: "loyalty_order_retry",
  referral: "loyalty_referral",
  tier: "loyalty_tier",
  tierChange: "loyalty_tier_change",
} as const
