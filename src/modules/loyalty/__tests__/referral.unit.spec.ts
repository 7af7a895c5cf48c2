import { storefrontUrlFromOptions } from "../options"
import {
  addressKey,
  decideReferral,
  generateReferralCode,
  normalizeEmail,
  normalizeReferralCode,
  orderNotKept,
  REFERRAL_CODE_ALPHABET,
  referralBonusKey,
  referralLink,
  referralSettlesAt,
  type ReferralOrder,
} from "../lib/referral"

const DAY = 86_400_000
const ADDRESS = { address_1: "12 Rue du Fort", postal_code: "L-1234", city: "Luxembourg", country_code: "lu" }

describe("referral codes and links", () => {
  it("8 characters without look-alikes (0 O 1 I L), different each time", () => {
    const codes = new Set(Array.from({ length: 2000 }, generateReferralCode))
    expect(codes.size).toBe(2000)
    for (const code of codes) expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/)
    expect(REFERRAL_CODE_ALPHABET).not.toMatch(/[01OIL]/)
    // Every character of the alphabet turns up (the draw is not skewed to a part of it).
    expect(new Set([...codes].join("")).size).toBe(REFERRAL_CODE_ALPHABET.length)
  })

  it("a typed code is read in capitals without spaces or dashes", () => {
    expect(normalizeReferralCode(" 7kq2-mx9p ")).toBe("7KQ2MX9P")
  })

  it("the link adds ?ref= to the storefront URL, keeping its own query; none without a URL", () => {
    expect(referralLink("https://shop.example.lu", "7KQ2MX9P")).toBe("https://shop.example.lu/?ref=7KQ2MX9P")
    expect(referralLink("https://shop.example.lu/fr/join?utm_source=friend", "7KQ2MX9P")).toBe("https://shop.example.lu/fr/join?utm_source=friend&ref=7KQ2MX9P")
    expect(referralLink(null, "7KQ2MX9P")).toBeNull()
    expect(referralLink("not a url", "7KQ2MX9P")).toBeNull()
  })

  it("storefrontUrl: the option, else env REWARDFLOW_STOREFRONT_URL, else null; a bad option stops the boot", () => {
    const saved = process.env.REWARDFLOW_STOREFRONT_URL
    try {
      delete process.env.REWARDFLOW_STOREFRONT_URL
      expect(storefrontUrlFromOptions({})()).toBeNull()
      process.env.REWARDFLOW_STOREFRONT_URL = "https://env.example.lu"
      expect(storefrontUrlFromOptions({})()).toBe("https://env.example.lu")
      expect(storefrontUrlFromOptions({ storefrontUrl: "https://option.example.lu" })()).toBe("https://option.example.lu")
      process.env.REWARDFLOW_STOREFRONT_URL = "ftp://nope"
      expect(storefrontUrlFromOptions({})()).toBeNull()
      expect(() => storefrontUrlFromOptions({ storefrontUrl: "shop.example.lu" })).toThrow(/option storefrontUrl must be an http\(s\) URL/)
    } finally {
      if (saved === undefined) delete process.env.REWARDFLOW_STOREFRONT_URL
      else process.env.REWARDFLOW_STOREFRONT_URL = saved
    }
  })

  it("bonus keys name the referral and the side", () => {
    expect(referralBonusKey("lref_1", "referrer")).toBe("referral:lref_1:referrer")
    expect(referralBonusKey("lref_1", "referee")).toBe("referral:lref_1:referee")
  })
})

describe("the same shopper", () => {
  it("e-mails are compared ignoring case, dots of the local part and +tags", () => {
    const ana = normalizeEmail("ana.muller@example.lu")
    expect(normalizeEmail("Ana.Muller@Example.LU")).toBe(ana)
    expect(normalizeEmail("anamuller+friend@example.lu")).toBe(ana)
    expect(normalizeEmail("a.n.a.muller+x+y@example.lu")).toBe(ana)
    expect(normalizeEmail("ana.muller@example.com")).not.toBe(ana)
    expect(normalizeEmail("anna.muller@example.lu")).not.toBe(ana)
    expect(normalizeEmail(null)).toBeNull()
  })

  it("addresses are compared as places: case, accents, punctuation and spacing ignored", () => {
    const key = addressKey(ADDRESS)
    expect(addressKey({ address_1: "12, rue du  Fort ", postal_code: "l1234", city: "LUXEMBOURG", country_code: "LU" })).toBe(key)
    expect(addressKey({ ...ADDRESS, address_1: "12 Rüe du Fört" })).toBe(key)
    expect(addressKey({ ...ADDRESS, address_1: "14 Rue du Fort" })).not.toBe(key)
    expect(addressKey({ ...ADDRESS, postal_code: "L-1235" })).not.toBe(key)
    expect(addressKey({ ...ADDRESS, address_2: "Apt 3" })).not.toBe(key)
    expect(addressKey({ postal_code: "L-1234" })).toBeNull()
  })
})

describe("when a referral settles", () => {
  const placed = "2026-05-01T10:00:00.000Z"
  const order = (over: Partial<ReferralOrder> = {}): ReferralOrder => ({
    id: "order_1",
    created_at: placed,
    status: "pending",
    items: [{ quantity: 2, detail: { return_received_quantity: 0, return_dismissed_quantity: 0 } }],
    shipping_address: { ...ADDRESS, address_1: "3 Avenue de la Gare" },
    ...over,
  })
  const at = (days: number) => new Date(new Date(placed).getTime() + days * DAY)

  it("14 days after the order without a pending period, the pending period with one", () => {
    expect(referralSettlesAt(placed, null).getTime()).toBe(at(14).getTime())
    expect(referralSettlesAt(placed, 30).getTime()).toBe(at(30).getTime())
  })

  it("waits for the period, then rewards; nothing without an order", () => {
    expect(decideReferral({ orders: [], referrerAddressKeys: [], pendingDays: null, now: at(20) })).toEqual({ action: "none" })
    expect(decideReferral({ orders: [order()], referrerAddressKeys: [], pendingDays: null, now: at(13.9) })).toEqual({
      action: "wait",
      order_id: "order_1",
      qualifies_at: at(14).toISOString(),
    })
    expect(decideReferral({ orders: [order()], referrerAddressKeys: [], pendingDays: null, now: at(14) })).toEqual({ action: "reward", order_id: "order_1" })
    expect(decideReferral({ orders: [order()], referrerAddressKeys: [], pendingDays: 30, now: at(20) })).toMatchObject({ action: "wait" })
  })

  it("a canceled or fully returned first order leaves the place to the next one", () => {
    const canceled = order({ status: "canceled" })
    const returned = order({ id: "order_r", items: [{ quantity: 2, detail: { return_received_quantity: 1, return_dismissed_quantity: 1 } }] })
    const partly = order({ items: [{ quantity: 2, detail: { return_received_quantity: 1 } }] })
    expect(orderNotKept(canceled)).toBe(true)
    expect(orderNotKept(returned)).toBe(true)
    expect(orderNotKept(partly)).toBe(false)
    // A quantity that did not come with the order: kept (only a return seen whole excludes it).
    expect(orderNotKept(order({ items: [{ detail: { return_received_quantity: 0 } }] }))).toBe(false)
    expect(orderNotKept(order({ items: [{ quantity: { numeric: 1 } as any, detail: { return_received_quantity: { numeric: 1 } as any } }] }))).toBe(true)
    expect(decideReferral({ orders: [canceled], referrerAddressKeys: [], pendingDays: null, now: at(20) })).toEqual({ action: "none" })
    const second = order({ id: "order_2", created_at: at(3).toISOString() })
    expect(decideReferral({ orders: [second, returned], referrerAddressKeys: [], pendingDays: null, now: at(15) })).toEqual({ action: "wait", order_id: "order_2", qualifies_at: at(17).toISOString() })
  })

  it("a first order shipped to an address of the referrer's orders is a self-referral", () => {
    const mine = addressKey(ADDRESS)!
    const theirs = order({ shipping_address: { ...ADDRESS, address_1: "12 RUE DU FORT" } })
    expect(decideReferral({ orders: [theirs], referrerAddressKeys: [mine], pendingDays: null, now: at(1) })).toEqual({ action: "refuse", reason: "self_referral", order_id: "order_1" })
    expect(decideReferral({ orders: [order()], referrerAddressKeys: [mine], pendingDays: null, now: at(1) })).toMatchObject({ action: "wait" })
  })
})
