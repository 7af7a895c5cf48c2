export * from "./apply-reward-to-cart"
export * from "./release-redemption"
