import { decodePng, everyPixelIs } from "../../../../integration-tests/fixtures/png"
import { walletOptionsLayer } from "../settings"
import { buildLoyaltyObject, clearedObjectFields } from "../lib/pass-payloads"
import { checkPublicUrl } from "../lib/setup-validator"
import { bandHex, crc32, solidPng, TIER_BAND_HEIGHT, TIER_BAND_WIDTH, tierBandPng, tierBandUrl } from "../lib/tier-band"

describe("tier band PNG", () => {
  it("CRC-32 matches the standard check values", () => {
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926)
    expect(crc32(Buffer.from("IEND"))).toBe(0xae426082)
  })

  it("is a valid 1032x336 PNG whose every pixel is the colour", () => {
    const png = tierBandPng("C0C0C0")
    const { width, height, pixels, chunks } = decodePng(png)
    expect(chunks.map((c) => c.type)).toEqual(["IHDR", "IDAT", "IEND"])
    expect(chunks[2].crc).toBe(0xae426082)
    expect([width, height]).toEqual([TIER_BAND_WIDTH, TIER_BAND_HEIGHT])
    expect(everyPixelIs(pixels, [0xc0, 0xc0, 0xc0])).toBe(true)
    // Small enough for Google to fetch at once.
    expect(png.length).toBeLessThan(10_000)
  })

  it("is the same bytes for the same colour, and other colours decode to themselves", () => {
    expect(solidPng(1032, 336, "1f3a5f").equals(solidPng(1032, 336, "#1F3A5F"))).toBe(true)
    for (const [hex, rgb] of [
      ["000000", [0, 0, 0]],
      ["ffffff", [255, 255, 255]],
      ["d4af37", [0xd4, 0xaf, 0x37]],
    ] as const) {
      const { width, height, pixels } = decodePng(solidPng(7, 5, hex))
      expect([width, height]).toEqual([7, 5])
      expect(everyPixelIs(pixels, [...rgb])).toBe(true)
    }
    expect(() => solidPng(10, 10, "c0c0c")).toThrow(/6 hex digits/)
    expect(() => solidPng(0, 10, "c0c0c0")).toThrow(/positive integers/)
  })

  it("the decoder refuses a corrupted file (so the checks above can fail)", () => {
    const png = Buffer.from(solidPng(4, 4, "c0c0c0"))
    png[20] ^= 1 // inside IHDR: its CRC no longer matches
    expect(() => decodePng(png)).toThrow(/chunk IHDR at 8: bad CRC/)
    expect(everyPixelIs(Buffer.from([1, 2, 3, 1, 2, 4]), [1, 2, 3])).toBe("pixel 1 is 1,2,4")
  })

  it("URL: under the public URL, lower-case hex; none without a public URL or a colour", () => {
    expect(tierBandUrl("https://api.shop.lu", "#C0C0C0")).toBe("https://api.shop.lu/rewardflow/wallet/tier-band/c0c0c0.png")
    expect(tierBandUrl("https://shop.lu/medusa/", "#0a0B0c")).toBe("https://shop.lu/medusa/rewardflow/wallet/tier-band/0a0b0c.png")
    expect(tierBandUrl(undefined, "#C0C0C0")).toBeNull()
    expect(tierBandUrl("https://api.shop.lu", null)).toBeNull()
    expect(bandHex("#12345G")).toBeNull()
  })
})

describe("tier band on the pass", () => {
  const program = { id: "p", name: "Rewards", default_locale: "en" }
  const account = (tier: any, locale = "fr") => ({ id: "a", card_number: "9000000000000001", balance: 5, status: "active", locale, tier })
  const silver = { name: { en: "Silver", fr: "Argent", de: "Silber", lb: "Sëlwer" }, perks: null, color: "#C0C0C0" }

  it("heroImage is the band of the tier's colour, described per language", () => {
    const object: any = buildLoyaltyObject("3388.o", "3388.c", account(silver), program, { public_url: "https://api.shop.lu" })
    expect(object.heroImage).toEqual({
      sourceUri: { uri: "https://api.shop.lu/rewardflow/wallet/tier-band/c0c0c0.png" },
      contentDescription: {
        defaultValue: { language: "fr", value: "Niveau Argent" },
        translatedValues: [
          { language: "en", value: "Silver tier" },
          { language: "de", value: "Status Silber" },
          { language: "lb", value: "Status Sëlwer" },
        ],
      },
    })
  })

  it("no heroImage without a colour, a tier or a public URL", () => {
    const url = { public_url: "https://api.shop.lu" }
    expect(buildLoyaltyObject("o", "c", account({ ...silver, color: null }), program, url)).not.toHaveProperty("heroImage")
    expect(buildLoyaltyObject("o", "c", account(null), program, url)).not.toHaveProperty("heroImage")
    expect(buildLoyaltyObject("o", "c", account(silver), program, {})).not.toHaveProperty("heroImage")
    expect(buildLoyaltyObject("o", "c", account(silver), program)).not.toHaveProperty("heroImage")
  })

  it("a patch clears the tier line and band the body leaves out (Google's patch keeps unsent fields)", () => {
    const url = { public_url: "https://api.shop.lu" }
    expect(clearedObjectFields(buildLoyaltyObject("o", "c", account(silver), program, url))).toEqual({})
    expect(clearedObjectFields(buildLoyaltyObject("o", "c", account({ ...silver, color: null }), program, url))).toEqual({ heroImage: null })
    expect(clearedObjectFields(buildLoyaltyObject("o", "c", account(null), program, url))).toEqual({ secondaryLoyaltyPoints: null, heroImage: null })
  })
})

describe("public_url setting", () => {
  it("is the option publicUrl, an http(s) URL without a trailing slash", () => {
    expect(walletOptionsLayer({ googleWallet: { publicUrl: "https://api.shop.lu/" } })).toEqual({ public_url: "https://api.shop.lu" })
    expect(() => walletOptionsLayer({ googleWallet: { publicUrl: "api.shop.lu" } })).toThrow(/option googleWallet.publicUrl must be an http\(s\) URL/)
  })

  it("Validate reports an http public URL, and has no check without one", () => {
    expect(checkPublicUrl(undefined)).toBeNull()
    expect(checkPublicUrl("https://api.shop.lu")).toMatchObject({ id: "public_url", ok: true })
    const http = checkPublicUrl("http://api.shop.lu")!
    expect(http).toMatchObject({ id: "public_url", ok: false, message: "http://api.shop.lu is not https: Google does not fetch the tier colour band from it" })
    expect(http.fix).toMatch(/REWARDFLOW_GOOGLE_WALLET_PUBLIC_URL/)
  })
})
