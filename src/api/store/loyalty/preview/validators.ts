import { z } from "@medusajs/framework/zod"

const Id = z.string().trim().min(1).max(100)

/**
 * Exactly one of `cart_id` (a cart as it is now) or `variant_id` (+ `quantity`, default 1, and
 * the price's `region_id` or `currency_code`, with `country_code` for its taxes).
 */
export const StoreLoyaltyPreview = z
  .object({
    cart_id: Id.optional(),
    variant_id: Id.optional(),
    quantity: z.coerce.number().int().min(1).max(1000).optional(),
    region_id: Id.optional(),
    currency_code: z.string().trim().regex(/^[a-zA-Z]{3}$/, "must be a currency code such as eur").transform((c) => c.toLowerCase()).optional(),
    country_code: z.string().trim().regex(/^[a-zA-Z]{2}$/, "must be a country code such as lu").transform((c) => c.toLowerCase()).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.cart_id && q.variant_id) {
      ctx.addIssue({ code: "custom", path: ["variant_id"], message: "variant_id cannot be given with cart_id: preview a cart or a variant, not both" })
    } else if (!q.cart_id && !q.variant_id) {
      ctx.addIssue({ code: "custom", path: ["cart_id"], message: "cart_id or variant_id is required" })
    } else if (q.cart_id) {
      // A cart has its own quantities, prices and address.
      for (const field of ["quantity", "region_id", "currency_code", "country_code"] as const) {
        if (q[field] !== undefined) ctx.addIssue({ code: "custom", path: [field], message: `${field} goes with variant_id, not with cart_id` })
      }
    }
    if (q.region_id && q.currency_code) {
      ctx.addIssue({ code: "custom", path: ["currency_code"], message: "currency_code cannot be given with region_id: the region's currency is used" })
    }
  })
export type StoreLoyaltyPreviewType = z.infer<typeof StoreLoyaltyPreview>
