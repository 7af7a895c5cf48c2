export * from "./measure-tier-value"
export * from "./evaluate-tier"
