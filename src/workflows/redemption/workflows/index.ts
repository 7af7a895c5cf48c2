export * from "./apply-reward-to-cart"
export * from "./capture-order-redemptions"
export * from "./release-redemption"
export * from "./refund-order-redemptions"
