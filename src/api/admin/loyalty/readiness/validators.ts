import { z } from "@medusajs/framework/zod"

/** A person saw the right balance on a real phone's saved pass after a purchase. */
export const AdminRecordWalletDeviceCheck = z.object({
  note: z.string().trim().max(1000).optional(),
})
export type AdminRecordWalletDeviceCheckType = z.infer<typeof AdminRecordWalletDeviceCheck>

const Journey = z.object({
  name: z.string().trim().min(1).max(200),
  passed: z.boolean(),
  error: z.string().max(4000).nullable().optional(),
})

/** A run of the user journeys (`npm run journeys`) and its result per journey. */
export const AdminRecordJourneys = z.object({
  passed: z.boolean(),
  journeys: z.array(Journey).max(100),
  started_at: z.string().datetime({ offset: true }).optional(),
  finished_at: z.string().datetime({ offset: true }).optional(),
})
export type AdminRecordJourneysType = z.infer<typeof AdminRecordJourneys>

/** The clean-up removes data: it must be confirmed. */
export const AdminCleanUpTestData = z.object({
  confirm: z.literal(true, { message: "confirm must be true: the clean-up deletes every account and order flagged as test" }),
})
export type AdminCleanUpTestDataType = z.infer<typeof AdminCleanUpTestData>

/** The launch: confirmed, on the sales channels chosen. */
export const AdminGoLive = z.object({
  confirm: z.literal(true, { message: "confirm must be true: going live cleans up test data and activates the program" }),
  sales_channel_ids: z.array(z.string().trim().min(1).max(100)).min(1).max(100),
})
export type AdminGoLiveType = z.infer<typeof AdminGoLive>
