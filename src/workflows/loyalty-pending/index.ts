export * from "./steps"
export * from "./workflows"
export * from "./mature-due-points"
