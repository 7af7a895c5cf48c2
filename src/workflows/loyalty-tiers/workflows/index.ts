export * from "./evaluate-loyalty-tier"
