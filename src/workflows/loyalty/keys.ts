/** Idempotency keys of the ledger, in one place so every writer and reader agrees. */
export { orderEarnKey } from "../../modules/loyalty/lib/ledger/order-points-store"
export const adminAdjustKey = (requestKey: string) => `adjust:admin:${requestKey}`
/** The lock every run of the order coordinator takes (Medusa's locking module). */
export const orderLockKey = (orderId: string) => `rewardflow:order:${orderId}`
