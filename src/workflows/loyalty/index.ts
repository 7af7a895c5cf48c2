export * from "./keys"
export * from "./steps"
export * from "./workflows"
export * from "./settle-order"
