export * from "./measure"
export * from "./steps"
export * from "./workflows"
