import { LOYALTY_MODULE } from "../../src/modules/loyalty"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { adminHeaders, failure } from "../fixtures"

jest.setTimeout(120_000)

/**
 * The admin's tier routes: create, list (by threshold, with member counts), read, update,
 * delete; bad input named by field, one threshold per tier, and no deleting a tier members hold.
 * The database is restored before each test to what beforeAll left (no tier, one member).
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let admin: { headers: Record<string, string> }
    let accountId: string

    beforeAll(async () => {
      admin = await adminHeaders(getContainer())
      const { customer } = (await api.post("/admin/customers", { email: "tier-member@rewardflow.test" }, admin)).data
      accountId = (await api.post("/admin/loyalty/accounts", { customer_id: customer.id }, admin)).data.account.id
    })

    const create = (body: Record<string, unknown>) => api.post("/admin/loyalty/tiers", body, admin)
    const list = async () => (await api.get("/admin/loyalty/tiers", admin)).data.tiers as any[]

    /**
     * Puts the member in a tier. Moving members is the tier rules' work (not these routes'), so
     * the row is set directly here, as those rules leave it.
     */
    async function holdTier(tierId: string | null) {
      const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      await knex("loyalty_account").where({ id: accountId }).update({ tier_id: tierId })
    }

    it("creates tiers and lists them by threshold, each with its member count", async () => {
      const gold = await create({
        name: { en: "Gold", fr: "Or" },
        perks: { en: "Free shipping", fr: "Livraison offerte", de: "" },
        threshold: 1000,
        multiplier: 1.5,
        color: "#c9a227",
      })
      expect(gold.status).toBe(200)
      expect(gold.data.tier).toEqual({
        id: expect.stringMatching(/^ltier_/),
        program_id: expect.any(String),
        name: { en: "Gold", fr: "Or" },
        // An empty locale is no text.
        perks: { en: "Free shipping", fr: "Livraison offerte" },
        threshold: 1000,
        multiplier: 1.5,
        color: "#C9A227",
        metadata: null,
        member_count: 0,
        created_at: expect.any(String),
        updated_at: expect.any(String),
      })
      // Stored as a PostgreSQL real: 1.1 reads back as 1.1, not 1.100000023841858.
      const silver = (await create({ name: { en: "Silver" }, threshold: 300, multiplier: 1.1 })).data.tier
      expect(silver).toMatchObject({ multiplier: 1.1, perks: null, color: null })
      await create({ name: { en: "Bronze" }, threshold: 0, multiplier: 1 })

      await holdTier(silver.id)
      const tiers = await list()
      expect(tiers.map((t) => [t.name.en, t.threshold, t.multiplier, t.member_count])).toEqual([
        ["Bronze", 0, 1, 0],
        ["Silver", 300, 1.1, 1],
        ["Gold", 1000, 1.5, 0],
      ])
      const one = (await api.get(`/admin/loyalty/tiers/${silver.id}`, admin)).data.tier
      expect(one).toEqual({ ...silver, member_count: 1 })
    })

    it("refuses bad input with a 400 naming the field, and creates nothing", async () => {
      const cases: [Record<string, unknown>, string, string][] = [
        [{ name: { en: "Gold" }, threshold: 1000, multiplier: 20 }, "multiplier", "multiplier must be at most 10, got 20"],
        [{ name: { en: "Gold" }, threshold: 1000, multiplier: 0.5 }, "multiplier", "multiplier must be at least 1, got 0.5"],
        [{ name: { en: "Gold" }, threshold: 1000, multiplier: 1.255 }, "multiplier", "multiplier must have at most 2 decimals"],
        [{ name: { en: "Gold" }, threshold: -1, multiplier: 1 }, "threshold", "threshold must be at least 0, got -1"],
        [{ name: { en: "Gold" }, threshold: 2.5, multiplier: 1 }, "threshold", "threshold must be a whole number, got 2.5"],
        [{ name: { fr: "Or" }, threshold: 1000, multiplier: 1 }, "name.en", "name.en is required"],
        [{ name: { en: "Gold", it: "Oro" }, threshold: 1000, multiplier: 1 }, "name.it", "unknown field name.it"],
        [{ name: { en: "Gold" }, threshold: 1000, multiplier: 1, color: "gold" }, "color", "color must be a colour written #RRGGBB, e.g. #C9A227"],
        [{ name: { en: "Gold" }, multiplier: 1 }, "threshold", "threshold is required"],
        [{ name: { en: "Gold" }, threshold: 1000, multiplier: 1, colour: "#FFFFFF" }, "colour", "unknown field colour"],
      ]
      for (const [body, field, message] of cases) {
        const { status, data } = await failure(create(body))
        expect({ body, status, field: data.field, reason: data.reason, message: data.message }).toEqual({
          body,
          status: 400,
          field,
          reason: "invalid_request",
          message: `Invalid request: ${message}`,
        })
      }
      expect(await list()).toEqual([])
    })

    it("refuses a threshold another tier has, on create and on update (409 threshold_taken)", async () => {
      const silver = (await create({ name: { en: "Silver" }, threshold: 500, multiplier: 1.25 })).data.tier
      const gold = (await create({ name: { en: "Gold" }, threshold: 1000, multiplier: 1.5 })).data.tier

      const dup = await failure(create({ name: { en: "Platinum" }, threshold: 500, multiplier: 2 }))
      expect(dup).toEqual({
        status: 409,
        data: {
          type: "conflict",
          reason: "threshold_taken",
          field: "threshold",
          threshold: 500,
          message: "threshold 500 is already the threshold of tier Silver: each tier needs its own",
          errors: [{ field: "threshold", message: "threshold 500 is already the threshold of tier Silver: each tier needs its own" }],
        },
      })
      const moved = await failure(api.post(`/admin/loyalty/tiers/${gold.id}`, { threshold: 500 }, admin))
      expect(moved.status).toBe(409)
      expect(moved.data).toMatchObject({ reason: "threshold_taken", field: "threshold" })

      // A tier keeps its own threshold when saved unchanged.
      expect((await api.post(`/admin/loyalty/tiers/${silver.id}`, { threshold: 500, multiplier: 1.3 }, admin)).data.tier.multiplier).toBe(1.3)
      expect((await list()).map((t) => [t.name.en, t.threshold])).toEqual([["Silver", 500], ["Gold", 1000]])

      // Two admins at once: the unique index decides, and the loser gets the same 409.
      const raced = await Promise.all(
        ["A", "B", "C"].map((n) => create({ name: { en: `Race ${n}` }, threshold: 2000, multiplier: 2 }).then((r) => r.status, (e) => e.response))
      )
      expect(raced.filter((r) => r === 200)).toHaveLength(1)
      for (const r of raced.filter((r) => r !== 200)) expect([r.status, r.data.reason, r.data.field]).toEqual([409, "threshold_taken", "threshold"])
    })

    it("updates only the fields sent; names and perks are replaced whole", async () => {
      const gold = (await create({ name: { en: "Gold", fr: "Or", de: "Gold" }, perks: { en: "Free shipping" }, threshold: 1000, multiplier: 1.5, color: "#C9A227" })).data.tier

      const renamed = (await api.post(`/admin/loyalty/tiers/${gold.id}`, { name: { en: "Gold", lb: "Gold" }, perks: null }, admin)).data.tier
      expect(renamed).toMatchObject({ name: { en: "Gold", lb: "Gold" }, perks: null, threshold: 1000, multiplier: 1.5, color: "#C9A227" })
      expect(Object.keys(renamed.name).sort()).toEqual(["en", "lb"])

      const recoloured = (await api.post(`/admin/loyalty/tiers/${gold.id}`, { color: null, threshold: 1200 }, admin)).data.tier
      expect(recoloured).toMatchObject({ name: { en: "Gold", lb: "Gold" }, color: null, threshold: 1200 })

      const bad = await failure(api.post(`/admin/loyalty/tiers/${gold.id}`, { multiplier: 11 }, admin))
      expect(bad).toMatchObject({ status: 400, data: { field: "multiplier", message: "Invalid request: multiplier must be at most 10, got 11" } })
      expect((await failure(api.post("/admin/loyalty/tiers/ltier_missing", { multiplier: 2 }, admin))).status).toBe(404)
    })

    it("refuses to delete a tier members hold (409 tier_in_use, with the count), deletes it once nobody does", async () => {
      const gold = (await create({ name: { en: "Gold" }, threshold: 1000, multiplier: 1.5 })).data.tier
      await holdTier(gold.id)

      const refused = await failure(api.delete(`/admin/loyalty/tiers/${gold.id}`, admin))
      expect(refused).toEqual({
        status: 409,
        data: {
          type: "conflict",
          reason: "tier_in_use",
          member_count: 1,
          message: "Tier Gold is held by 1 member: it can be deleted once nobody holds it",
        },
      })
      expect((await list()).map((t) => t.id)).toEqual([gold.id])
      // Nor around the check: the module's generated deleters are refused.
      const loyaltyService = getContainer().resolve(LOYALTY_MODULE) as any
      await expect(loyaltyService.softDeleteLoyaltyTiers([gold.id])).rejects.toThrow(/use deleteTier/)
      await expect(loyaltyService.deleteLoyaltyTiers([gold.id])).rejects.toThrow(/use deleteTier/)
      expect((await list()).map((t) => t.id)).toEqual([gold.id])

      await holdTier(null)
      const deleted = await api.delete(`/admin/loyalty/tiers/${gold.id}`, admin)
      expect(deleted.data).toEqual({ id: gold.id, object: "loyalty_tier", deleted: true })
      expect(await list()).toEqual([])
      expect((await failure(api.get(`/admin/loyalty/tiers/${gold.id}`, admin))).status).toBe(404)
      expect((await failure(api.delete(`/admin/loyalty/tiers/${gold.id}`, admin))).status).toBe(404)
      // A deleted tier's threshold is free again.
      expect((await create({ name: { en: "New gold" }, threshold: 1000, multiplier: 2 })).status).toBe(200)
    })

    it("needs an admin, and refuses unknown query parameters", async () => {
      expect((await failure(api.get("/admin/loyalty/tiers"))).status).toBe(401)
      expect((await failure(api.post("/admin/loyalty/tiers", { name: { en: "Gold" }, threshold: 1, multiplier: 1 }))).status).toBe(401)
      const q = await failure(api.get("/admin/loyalty/tiers?limit=5", admin))
      expect(q).toMatchObject({ status: 400, data: { field: "limit", message: "Invalid request: unknown field limit" } })
    })
  },
})
