import i18next from "i18next"
import resources from "../i18n"
import type { AdminRedemption } from "../lib/loyalty-api"
import { redemptionTitle } from "../lib/loyalty-display"
import { formatMoney, rememberCurrencyDigits, rewardStatus, rewardValidity, rewardValue, type Translate } from "../lib/reward-display"
import { emptyRewardForm, formToBody, rewardToForm } from "../lib/reward-form-state"
import type { Reward, VariantChoice } from "../lib/rewards-api"

let t: Translate
beforeAll(async () => {
  const i18n = i18next.createInstance()
  await i18n.init({
    lng: "en",
    ns: ["rewardflow"],
    defaultNS: "rewardflow",
    resources,
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  })
  t = i18n.t.bind(i18n) as unknown as Translate
})

const reward = (over: Partial<Reward>): Reward => ({
  id: "lrwd_1",
  name: { en: "Reward" },
  description: null,
  points_cost: 100,
  type: "free_shipping",
  amounts: null,
  percentage: null,
  max_discount: null,
  variant_id: null,
  min_subtotal: null,
  starts_at: null,
  ends_at: null,
  per_customer_limit: null,
  is_active: true,
  created_at: "2026-01-01T00:00:00.000Z",
  ...over,
})
const tote: VariantChoice = { id: "variant_1", title: "Default", sku: "RF-TOTE", product_title: "Tote Bag" }
const none = new Map<string, VariantChoice>()

describe("reward summaries in the list", () => {
  it("says what each type gives", () => {
    expect(rewardValue(t, reward({ type: "fixed_amount", amounts: { eur: 5 } }), none)).toBe("5.00 EUR off")
    expect(rewardValue(t, reward({ type: "fixed_amount", amounts: { eur: 5, usd: 6.5 } }), none)).toBe("5.00 EUR / 6.50 USD off")
    expect(rewardValue(t, reward({ type: "percentage", percentage: 10 }), none)).toBe("10%")
    expect(rewardValue(t, reward({ type: "percentage", percentage: 10, max_discount: { eur: 8 } }), none)).toBe("10% (max 8.00 EUR)")
    expect(rewardValue(t, reward({ type: "free_shipping" }), none)).toBe("Free shipping")
    const free = reward({ type: "free_product", variant_id: "variant_1" })
    expect(rewardValue(t, free, new Map([["variant_1", tote]]))).toBe("Free Tote Bag")
    // A variant that is not loaded (yet, or deleted) still reads sensibly.
    expect(rewardValue(t, free, none)).toBe("Free product")
  })

  it("counts points with the right plural", () => {
    expect(t("rewards.points", { count: 1, formatted: "1" })).toBe("1 point")
    expect(t("rewards.points", { count: 1500, formatted: "1,500" })).toBe("1,500 points")
  })

  it("writes money like the API does, with more digits only when asked", () => {
    expect(formatMoney(1234.5, "eur")).toBe("1234.50 EUR")
    expect(formatMoney(0.005, "eur", 4)).toBe("0.005 EUR")
    expect(formatMoney(0.01, "eur", 4)).toBe("0.01 EUR")
  })

  it("writes each currency with its own digits: Medusa's once the store's currencies are loaded", () => {
    expect(formatMoney(500, "jpy")).toBe("500 JPY")
    expect(formatMoney(1.25, "kwd")).toBe("1.250 KWD")
    expect(formatMoney(0.5, "jpy", 4)).toBe("0.5 JPY")
    expect(rewardValue(t, reward({ type: "fixed_amount", amounts: { jpy: 500, kwd: 1.25 } }), none)).toBe("500 JPY / 1.250 KWD off")
    // Medusa's currency module says HUF has no decimals (the browser's ISO data says 2).
    rememberCurrencyDigits({ huf: 0 })
    expect(formatMoney(1500, "huf")).toBe("1500 HUF")
    expect(formatMoney(5, "xts")).toBe("5.00 XTS")
    const points = { kind: "points", discount_amount: 499, currency_code: "jpy", reward: null } as unknown as AdminRedemption
    expect(redemptionTitle(t, points, "en")).toBe("Points as money (499 JPY)")
    expect(redemptionTitle(t, { ...points, discount_amount: 1.234, currency_code: "kwd" }, "en")).toBe("Points as money (1.234 KWD)")
  })

  it("shows the validity window and whether the reward can be redeemed now", () => {
    const now = new Date("2027-06-15T12:00:00Z")
    expect(rewardValidity(t, reward({}), "en-GB")).toBe("Always")
    expect(rewardValidity(t, reward({ starts_at: "2027-01-02T10:00:00Z" }), "en-GB")).toBe("From 2 Jan 2027")
    expect(rewardValidity(t, reward({ ends_at: "2027-03-01T10:00:00Z" }), "en-GB")).toBe("Until 1 Mar 2027")
    expect(rewardValidity(t, reward({ starts_at: "2027-01-02T10:00:00Z", ends_at: "2027-03-01T10:00:00Z" }), "en-GB")).toBe(
      "2 Jan 2027 – 1 Mar 2027"
    )
    expect(rewardStatus(reward({}), now)).toBe("active")
    expect(rewardStatus(reward({ is_active: false }), now)).toBe("inactive")
    expect(rewardStatus(reward({ starts_at: "2027-07-01T00:00:00Z" }), now)).toBe("scheduled")
    expect(rewardStatus(reward({ ends_at: "2027-06-01T00:00:00Z" }), now)).toBe("expired")
  })
})

describe("the reward form's request body", () => {
  it("sends only the chosen type's fields, the others as null", () => {
    const form = {
      ...emptyRewardForm(),
      name: { en: " Ten percent ", fr: "Dix pour cent", de: "", lb: "  " },
      points_cost: "50",
      type: "percentage" as const,
      // Left from when the merchant had picked "fixed amount" first.
      amounts: { eur: "5" },
      percentage: "10",
      max_discount: { eur: "8", usd: "" },
      per_customer_limit: "",
    }
    expect(formToBody(form)).toEqual({
      name: { en: "Ten percent", fr: "Dix pour cent" },
      description: null,
      points_cost: 50,
      type: "percentage",
      amounts: null,
      percentage: 10,
      max_discount: { eur: 8 },
      variant_id: null,
      min_subtotal: null,
      starts_at: null,
      ends_at: null,
      per_customer_limit: null,
      is_active: true,
    })
  })

  it("leaves a missing percentage for the API to refuse, and round-trips a saved reward", () => {
    expect(formToBody({ ...emptyRewardForm(), type: "percentage" })).toMatchObject({ percentage: null, points_cost: 0, name: {} })
    const saved = reward({
      name: { en: "Tote", de: "Tasche" },
      description: { en: "A bag" },
      type: "free_product",
      variant_id: "variant_1",
      min_subtotal: { eur: 20 },
      starts_at: "2027-01-02T10:00:00.000Z",
      per_customer_limit: 2,
      is_active: false,
    })
    const { id, created_at, ...body } = saved
    expect(formToBody(rewardToForm(saved, tote))).toEqual(body)
  })
})
