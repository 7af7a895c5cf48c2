export * from "./workflows/till"
export * from "./steps/till-ledger"
