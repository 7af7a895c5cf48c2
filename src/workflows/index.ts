export * from "./loyalty"
export * from "./redemption"
export * from "./rewards"
export * from "./loyalty-wallet"
