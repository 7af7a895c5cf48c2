export * from "./mature-order-points"
