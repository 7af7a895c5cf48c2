export * from "./fields"
export * from "./resolve"
export * from "./secret-box"
