import { deflateSync } from "node:zlib"

/** Google's recommended hero image size (wide band under the pass header). */
export const TIER_BAND_WIDTH = 1032
export const TIER_BAND_HEIGHT = 336

/** Where the plugin serves the bands, under the server's public URL (no auth: Google fetches it). */
export const TIER_BAND_PATH = "/rewardflow/wallet/tier-band"

const HEX = /^[0-9a-fA-F]{6}$/

/** "#C0C0C0" or "c0c0c0" -> "c0c0c0"; anything else -> null. */
export function bandHex(color: string | null | undefined): string | null {
  const hex = (color ?? "").trim().replace(/^#/, "")
  return HEX.test(hex) ? hex.toLowerCase() : null
}

/** The band's URL for a tier colour, or null without a public URL or a valid colour. */
export function tierBandUrl(publicUrl: string | null | undefined, color: string | null | undefined): string | null {
  const hex = bandHex(color)
  if (!publicUrl || !hex) return null
  return `${publicUrl.replace(/\/+$/, "")}${TIER_BAND_PATH}/${hex}.png`
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

/** CRC-32 (ISO 3309, as PNG chunks use it); node:zlib has none before Node 22. */
export function crc32(data: Uint8Array): number {
  let c = 0xffffffff
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, "latin1")
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/**
 * A PNG of one colour (8-bit RGB, no interlace). The first scanline uses filter Sub (the first
 * pixel, then zero differences) and the others filter Up (all zero), so the deflated data is a
 * few hundred bytes and the same bytes for the same input.
 */
export function solidPng(width: number, height: number, hex: string): Buffer {
  const rgb = bandHex(hex)
  if (!rgb) throw new Error(`solidPng: colour must be 6 hex digits, got ${JSON.stringify(hex)}`)
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new Error(`solidPng: size must be positive integers, got ${width}x${height}`)
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // colour type: truecolour
  ihdr[10] = 0 // compression: deflate
  ihdr[11] = 0 // filter method 0
  ihdr[12] = 0 // no interlace
  const stride = 1 + width * 3
  const raw = Buffer.alloc(stride * height) // zeros: Up rows need nothing else
  raw[0] = 1 // Sub
  raw[1] = parseInt(rgb.slice(0, 2), 16)
  raw[2] = parseInt(rgb.slice(2, 4), 16)
  raw[3] = parseInt(rgb.slice(4, 6), 16)
  for (let y = 1; y < height; y++) raw[y * stride] = 2 // Up
  const idat = deflateSync(raw, { level: 9 })
  return Buffer.concat([SIGNATURE, chunk("IHDR", ihdr), chunk("IDAT", idat), chunk("IEND", Buffer.alloc(0))])
}

const cache = new Map<string, Buffer>()

/** The tier band PNG of a colour (kept for the 64 colours asked last: a shop has a few tiers). */
export function tierBandPng(hex: string): Buffer {
  const key = bandHex(hex)
  if (!key) throw new Error(`tierBandPng: colour must be 6 hex digits, got ${JSON.stringify(hex)}`)
  let png = cache.get(key)
  if (!png) {
    png = solidPng(TIER_BAND_WIDTH, TIER_BAND_HEIGHT, key)
    if (cache.size >= 64) cache.delete(cache.keys().next().value!)
    cache.set(key, png)
  }
  return png
}
