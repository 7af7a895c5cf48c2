/** Metadata key on a promotion that names the redemption it carries. */
export const REDEMPTION_METADATA_KEY = "rewardflow_redemption_id"
