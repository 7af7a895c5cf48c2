export * from "./record-readiness"
export * from "./clean-up-test-data"
export * from "./go-live"
