export { LoyaltyProgram } from "./loyalty-program"
export { LoyaltyAccount } from "./loyalty-account"
export { LedgerEntry } from "./ledger-entry"
export { PointLot } from "./point-lot"
