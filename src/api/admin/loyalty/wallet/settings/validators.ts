import { z } from "@medusajs/framework/zod"
import { jsonSyntaxProblem } from "../../../../../modules/loyalty-wallet/lib/service-account"

const clearable = <T extends z.ZodTypeAny>(schema: T) => schema.nullable().optional()

/** An origin as browsers write it: scheme://host[:port], nothing after. */
const Origin = z
  .string()
  .trim()
  .refine((v) => {
    try {
      const url = new URL(v)
      return ["http:", "https:"].includes(url.protocol) && url.origin === v.replace(/\/$/, "")
    } catch {
      return false
    }
  }, "origins: each must be an origin like https://shop.example.com (scheme and host, no path)")

const isHttpUrl = (v: string) => {
  try {
    return ["http:", "https:"].includes(new URL(v).protocol)
  } catch {
    return false
  }
}

/** The whole service account key file: JSON with client_email and private_key. */
const ServiceAccountJson = z.string().superRefine((text, ctx) => {
  let json: any
  try {
    json = JSON.parse(text)
  } catch (e) {
    ctx.addIssue({ code: "custom", message: `service_account_json is not valid JSON (${jsonSyntaxProblem(e)})` })
    return
  }
  for (const key of ["client_email", "private_key"]) {
    if (typeof json?.[key] !== "string" || !json[key]) {
      ctx.addIssue({ code: "custom", message: `service_account_json has no ${key}: paste the whole JSON key file of the service account` })
    }
  }
})

export const AdminUpdateWalletSettings = z
  .object({
    issuer_id: clearable(z.string().trim().regex(/^\d+$/, "issuer_id must be the numeric issuer id from the Google Pay & Wallet Console")),
    service_account_json: clearable(ServiceAccountJson),
    // A path on the server: only the plugin options or env may name one (the admin could point it at any file).
    key_file: z
      .unknown()
      .refine((v) => v === undefined, {
        message:
          "key_file cannot be set from the admin: set the plugin option googleWallet.keyFile or REWARDFLOW_GOOGLE_WALLET_KEY_FILE on the server, or paste the key as service_account_json",
      })
      .optional(),
    origins: clearable(z.array(Origin).max(20)),
    default_logo_url: clearable(z.string().trim().url("default_logo_url must be a URL").max(2000)),
    public_url: clearable(
      z
        .string()
        .trim()
        .max(2000)
        .refine(isHttpUrl, "public_url must be an http(s) URL like https://shop.example.com")
    ),
    issuer_name: clearable(z.string().trim().min(1).max(60)),
    background_color: clearable(z.string().trim().regex(/^#[0-9a-fA-F]{6}$/, "background_color must be a colour like #1f3a5f")),
    environment: clearable(z.enum(["demo", "production"])),
  })
  .strict()
export type AdminUpdateWalletSettingsType = z.infer<typeof AdminUpdateWalletSettings>
