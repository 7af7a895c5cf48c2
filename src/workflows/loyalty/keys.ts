/** Idempotency keys of the ledger, in one place so every writer and reader agrees. */
export const orderEarnKey = (orderId: string) => `earn:order:${orderId}`
export const orderReverseKey = (orderId: string) => `reverse:order:${orderId}`
export const adminAdjustKey = (requestKey: string) => `adjust:admin:${requestKey}`
export const returnReverseKey = (returnId: string) => `reverse:return:${returnId}`
