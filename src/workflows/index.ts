export * from "./loyalty"
