import type { MedusaContainer } from "@medusajs/framework/types"
import { createRewardWorkflow } from "medusa-plugin-rewardflow/workflows"
import type { StoreFixture } from "./store"

/**
 * A small rewards catalog for the demo, in the four languages, created once (when the
 * program has no rewards yet): one of each type, so every checkout path can be tried.
 */
export async function ensureDemoRewards(container: MedusaContainer, fixture: StoreFixture, log: (m: string) => void) {
  const loyalty = container.resolve("loyalty") as any
  const program = await loyalty.getOrCreateDefaultProgram()
  const existing = await loyalty.listLoyaltyRewards({ program_id: program.id }, { take: 1, withDeleted: true })
  if (existing.length) {
    log("rewards catalog already there; none added")
    return
  }
  const tote = fixture.variants[0]
  const rewards = [
    {
      name: { en: "Free shipping", fr: "Livraison offerte", de: "Kostenloser Versand", lb: "Gratis Liwwerung" },
      points_cost: 60,
      type: "free_shipping",
    },
    {
      name: { en: "5 EUR off", fr: "5 EUR de réduction", de: "5 EUR Rabatt", lb: "5 EUR Rabatt" },
      description: { en: "5 EUR off your next order.", fr: "5 EUR de moins sur votre prochaine commande.", de: "5 EUR weniger auf Ihre nächste Bestellung.", lb: "5 EUR manner op Är nächst Bestellung." },
      points_cost: 100,
      type: "fixed_amount",
      amounts: { eur: 5 },
    },
    {
      name: { en: "Free tote bag", fr: "Tote bag offert", de: "Gratis Stofftasche", lb: "Gratis Stoftut" },
      points_cost: 150,
      type: "free_product",
      variant_id: tote.id,
    },
    {
      name: { en: "10% off orders over 50 EUR", fr: "10 % dès 50 EUR d'achat", de: "10 % ab 50 EUR Einkauf", lb: "10 % ab 50 EUR Akaf" },
      points_cost: 250,
      type: "percentage",
      percentage: 10,
      max_discount: { eur: 20 },
      min_subtotal: { eur: 50 },
    },
  ]
  for (const input of rewards) {
    await createRewardWorkflow(container).run({ input: input as any })
  }
  log(`rewards catalog: ${rewards.length} rewards created`)
}
