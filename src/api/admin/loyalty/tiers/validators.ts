import { z } from "@medusajs/framework/zod"

const Name = z.string().trim().min(1).max(120)
/** Per-locale name; English is required, it is the fallback for every other locale. */
const LocalizedName = z.object({ en: Name, fr: Name.optional(), de: Name.optional(), lb: Name.optional() }).strict()

const Perk = z.string().trim().max(2000).optional()
/** Per-locale perks text; empty locales are dropped, and no text at all is stored as null. */
const LocalizedPerks = z
  .object({ en: Perk, fr: Perk, de: Perk, lb: Perk })
  .strict()
  .transform((perks) => {
    const given = Object.entries(perks).filter(([, text]) => text)
    return given.length ? (Object.fromEntries(given) as Record<string, string>) : null
  })

// The column is a PostgreSQL real read back with two decimals (multiplierOf): a third decimal would be lost.
const twoDecimals = (n: number) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-9

const TierFields = {
  name: LocalizedName,
  perks: LocalizedPerks.nullable().optional(),
  threshold: z.number().int().min(0).max(1_000_000_000),
  multiplier: z.number().min(1).max(10).refine(twoDecimals, "must have at most 2 decimals"),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, "must be a colour written #RRGGBB, e.g. #C9A227")
    .transform((c) => c.toUpperCase())
    .nullable()
    .optional(),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
}

export const AdminCreateTier = z.object(TierFields).strict()
export type AdminCreateTierType = z.infer<typeof AdminCreateTier>

/** Any subset of the fields. */
export const AdminUpdateTier = z.object(TierFields).partial().strict()
export type AdminUpdateTierType = z.infer<typeof AdminUpdateTier>
