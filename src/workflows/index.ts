export * from "./loyalty"
export * from "./loyalty-wallet"
