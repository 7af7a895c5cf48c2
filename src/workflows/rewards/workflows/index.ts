export * from "./create-reward"
export * from "./delete-reward"
export * from "./notify-rewards-ready"
export * from "./update-reward"
