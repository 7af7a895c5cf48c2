import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { tierBandPng } from "../../../../../modules/loyalty-wallet/lib/tier-band"

// Google's servers fetch the pass's hero image without credentials: no auth, no publishable key.
export const AUTHENTICATE = false

/**
 * The hero band of a Wallet pass in a tier's colour: `GET /rewardflow/wallet/tier-band/c0c0c0.png`
 * answers a 1032x336 PNG of that one colour. The URL names the colour, so the image never changes.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const match = /^([0-9a-fA-F]{6})\.png$/.exec(String(req.params.file ?? ""))
  if (!match) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `hex must be 6 hex digits followed by .png (like c0c0c0.png), got ${JSON.stringify(req.params.file)}`
    )
  }
  const png = tierBandPng(match[1])
  res.setHeader("Content-Type", "image/png")
  res.setHeader("Content-Length", String(png.length))
  res.setHeader("Cache-Control", "public, max-age=31536000, immutable")
  res.status(200).end(png)
}
