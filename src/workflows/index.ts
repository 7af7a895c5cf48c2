export * from "./loyalty"
export * from "./loyalty-messaging"
