import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, MedusaError, Modules, QueryContext } from "@medusajs/framework/utils"
import type { CountableOrderTotals } from "../../../../modules/loyalty/lib/earn-points"
import { refusal } from "../../../../modules/loyalty/lib/refusal"
import type { StoreLoyaltyPreviewType } from "./validators"

/** What is about to be bought, as the earn preview counts it. */
export type Purchase = {
  /** Null when the variant has no price in the currency. */
  totals: CountableOrderTotals | null
  currency_code: string
  sales_channel_ids: string[]
}

type Query = { graph: (config: Record<string, unknown>) => Promise<{ data: any[] }> }

/**
 * A cart's totals as Medusa computes them (items after discounts and their taxes, shipping and
 * its taxes): what its order will earn on. Another customer's cart is not found; a completed
 * cart is refused.
 */
export async function loadCartPurchase(container: MedusaContainer, cartId: string, customerId: string | null): Promise<Purchase> {
  const query: Query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [cart] } = await query.graph({
    entity: "cart",
    fields: ["id", "customer_id", "currency_code", "sales_channel_id", "completed_at", "item_total", "item_tax_total", "shipping_total", "shipping_tax_total"],
    filters: { id: cartId },
  })
  if (!cart || (customerId && cart.customer_id && cart.customer_id !== customerId)) {
    throw refusal("cart_not_found", `Cart ${cartId} was not found`, { cart_id: cartId })
  }
  if (cart.completed_at) {
    const { data: [link] } = await query.graph({ entity: "order_cart", fields: ["order_id"], filters: { cart_id: cart.id } })
    throw refusal("cart_completed", `Cart ${cart.id} is already completed: its order earns its points`, { cart_id: cart.id, order_id: link?.order_id ?? null })
  }
  return { totals: cart, currency_code: cart.currency_code, sales_channel_ids: cart.sales_channel_id ? [cart.sales_channel_id] : [] }
}

/**
 * `quantity` units of a variant at Medusa's calculated price for the region (or currency) and
 * the shopper's customer groups, as the store's product routes price it; its taxes from the tax
 * module for `country_code` (default: the region's only country), like a cart line. Without a
 * country the price counts as it is stored. Sold in the publishable key's sales channels.
 */
export async function loadVariantPurchase(
  container: MedusaContainer,
  q: StoreLoyaltyPreviewType & { variant_id: string },
  customerId: string | null,
  keySalesChannelIds: string[]
): Promise<Purchase> {
  const query: Query = container.resolve(ContainerRegistrationKeys.QUERY)
  const [where, groups] = await Promise.all([priceWhere(query, q), customerId ? customerGroups(query, customerId) : []])
  const { data: [variant] } = await query.graph({
    entity: "variant",
    fields: ["id", "product_id", "product.status", "product.type_id", "calculated_price.*"],
    filters: { id: q.variant_id },
    context: {
      calculated_price: QueryContext({
        ...(where.region_id ? { region_id: where.region_id } : {}),
        currency_code: where.currency_code,
        ...(customerId ? { customer: { groups: groups.map((id) => ({ id })) } } : {}),
      }),
    },
  })
  if (!variant || variant.product?.status !== "published") {
    throw refusal("variant_not_found", `Variant ${q.variant_id} was not found`, { variant_id: q.variant_id })
  }
  const price = variant.calculated_price
  const base = { currency_code: where.currency_code, sales_channel_ids: keySalesChannelIds }
  if (!price || price.calculated_amount == null) return { ...base, totals: null }
  const amount = MathBN.mult(price.calculated_amount, q.quantity ?? 1)
  const includesTax = !!price.is_calculated_price_tax_inclusive
  const rates = where.country_code && where.automatic_taxes ? await taxRates(container, variant, price, where) : []
  // As Medusa's calculateAmountsWithTax, in exact decimals: an inclusive price holds its tax.
  const rate = MathBN.div(MathBN.sum(0, ...rates), 100)
  const taxable = includesTax ? MathBN.div(amount, MathBN.add(1, rate)) : amount
  const tax = MathBN.mult(taxable, rate)
  return { ...base, totals: { currency_code: where.currency_code, item_total: includesTax ? amount : MathBN.add(amount, tax), item_tax_total: tax } }
}

type PriceWhere = { region_id: string | null; currency_code: string; country_code: string | null; automatic_taxes: boolean }

/** The region (its currency and taxes) or currency the variant is priced in; the store's default currency when neither is given. */
async function priceWhere(query: Query, q: StoreLoyaltyPreviewType): Promise<PriceWhere> {
  if (q.region_id) {
    const { data: [region] } = await query.graph({ entity: "region", fields: ["id", "currency_code", "automatic_taxes", "countries.iso_2"], filters: { id: q.region_id } })
    if (!region) throw refusal("invalid_request", `region_id ${q.region_id} names no region`, { field: "region_id" }, MedusaError.Types.INVALID_DATA)
    const countries: string[] = (region.countries ?? []).map((c: { iso_2?: string } | null) => c?.iso_2).filter(Boolean)
    return {
      region_id: region.id,
      currency_code: region.currency_code,
      country_code: q.country_code ?? (countries.length === 1 ? countries[0] : null),
      automatic_taxes: region.automatic_taxes !== false,
    }
  }
  let currency = q.currency_code
  if (!currency) {
    const { data: [store] } = await query.graph({ entity: "store", fields: ["supported_currencies.currency_code", "supported_currencies.is_default"] })
    const list = (store?.supported_currencies ?? []).filter(Boolean)
    currency = (list.find((c: { is_default?: boolean }) => c.is_default) ?? list[0])?.currency_code ?? "eur"
  }
  return { region_id: null, currency_code: currency!, country_code: q.country_code ?? null, automatic_taxes: true }
}

async function customerGroups(query: Query, customerId: string): Promise<string[]> {
  const { data } = await query.graph({ entity: "customer_group", fields: ["id"], filters: { customers: { id: customerId } } })
  return data.map((g: { id: string }) => g.id)
}

/** The tax rates (percent) a line of the variant would get in the country. */
async function taxRates(container: MedusaContainer, variant: any, price: any, where: PriceWhere): Promise<number[]> {
  const tax = container.resolve(Modules.TAX)
  const lines = await tax.getTaxLines(
    [{ id: variant.id, product_id: variant.product_id, product_type_id: variant.product?.type_id ?? undefined, quantity: 1, unit_price: price.calculated_amount, currency_code: where.currency_code }],
    { address: { country_code: where.country_code! } }
  )
  return lines.map((l: { rate?: number | null }) => Number(l.rate ?? 0))
}
