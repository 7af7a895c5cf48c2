export * from "./create-tier"
export * from "./delete-tier"
export * from "./update-tier"
