/**
 * Idempotent store seed: everything a Medusa 2.21 store needs to take an order through the
 * store API (region, tax regions, stock location + fulfillment, shipping option, products with
 * stock, publishable key). Used by the demo (`demo/src/scripts/seed.ts`) and by the HTTP tests
 * (`integration-tests/fixtures/store.ts`), so both run on the same data.
 *
 * Every entity is looked up first (by name, handle, title or country) and only created when
 * missing, so running it twice never duplicates anything.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  Modules,
  ProductStatus,
} from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createInventoryLevelsWorkflow,
  createLinksWorkflow,
  createLocationFulfillmentSetWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createServiceZonesWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"

export type SeedProduct = {
  title: string
  handle: string
  sku: string
  /** Price in major units of the store currency (Medusa v2 amounts), e.g. 25.5 for 25.50 EUR. */
  price: number
  description?: string
}

export type SeedStoreOptions = {
  currencyCode?: string
  regionName?: string
  countries?: string[]
  salesChannelName?: string
  stockLocationName?: string
  fulfillmentSetName?: string
  serviceZoneName?: string
  shippingOptionName?: string
  shippingPrice?: number
  publishableKeyTitle?: string
  products?: SeedProduct[]
  /** Stock put at the location for each variant when its inventory level is created. */
  stockedQuantity?: number
  log?: (message: string) => void
}

export type StoreFixtureVariant = {
  id: string
  title: string
  sku: string | null
  price: number
  product_id: string
  product_title: string
  product_handle: string
}

export type StoreFixture = {
  store_id: string
  region_id: string
  currency_code: string
  countries: string[]
  sales_channel_id: string
  publishable_key: string
  publishable_key_id: string
  stock_location_id: string
  shipping_profile_id: string
  shipping_option_id: string
  shipping_price: number
  variants: StoreFixtureVariant[]
}

export const DEFAULT_SEED_PRODUCTS: SeedProduct[] = [
  { title: "RewardFlow Tote Bag", handle: "rewardflow-tote-bag", sku: "RF-TOTE", price: 10 },
  { title: "RewardFlow Coffee Beans", handle: "rewardflow-coffee-beans", sku: "RF-COFFEE", price: 25.5 },
  { title: "RewardFlow Hoodie", handle: "rewardflow-hoodie", sku: "RF-HOODIE", price: 49.99 },
  { title: "RewardFlow Rain Jacket", handle: "rewardflow-rain-jacket", sku: "RF-JACKET", price: 120 },
]

const DEFAULTS = {
  currencyCode: "eur",
  regionName: "Europe",
  countries: ["lu", "fr", "de", "be"],
  salesChannelName: "Default Sales Channel",
  stockLocationName: "RewardFlow Warehouse",
  fulfillmentSetName: "RewardFlow Warehouse delivery",
  serviceZoneName: "Benelux, France and Germany",
  shippingOptionName: "Standard Shipping",
  shippingPrice: 4.9,
  publishableKeyTitle: "RewardFlow Storefront",
  stockedQuantity: 1000,
}

const PAYMENT_PROVIDER = "pp_system_default"
const FULFILLMENT_PROVIDER = "manual_manual"
const TAX_PROVIDER = "tp_system"

export async function seedStore(
  container: MedusaContainer,
  opts: SeedStoreOptions = {}
): Promise<StoreFixture> {
  const o = { ...DEFAULTS, ...opts }
  const countries = o.countries.map((c) => c.toLowerCase())
  const currency = o.currencyCode.toLowerCase()
  const products = opts.products ?? DEFAULT_SEED_PRODUCTS
  const log = opts.log ?? (() => {})
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const storeModule = container.resolve(Modules.STORE)
  const salesChannelModule = container.resolve(Modules.SALES_CHANNEL)
  const regionModule = container.resolve(Modules.REGION)
  const taxModule = container.resolve(Modules.TAX)
  const fulfillmentModule = container.resolve(Modules.FULFILLMENT)
  const apiKeyModule = container.resolve(Modules.API_KEY)
  const inventoryModule = container.resolve(Modules.INVENTORY)

  // Sales channel: the store's default one (Medusa creates it at boot), else by name.
  const [store] = await storeModule.listStores({}, { relations: ["supported_currencies"], take: 1 })
  if (!store) throw new Error("seedStore: no store found; Medusa creates one at boot")
  let salesChannelId = store.default_sales_channel_id as string | undefined
  if (!salesChannelId) {
    const [channel] = await salesChannelModule.listSalesChannels({ name: o.salesChannelName })
    salesChannelId =
      channel?.id ??
      (
        await createSalesChannelsWorkflow(container).run({
          input: { salesChannelsData: [{ name: o.salesChannelName }] },
        })
      ).result[0].id
    log(`sales channel ${o.salesChannelName} ready`)
  }

  // Store currency.
  const currencies = store.supported_currencies ?? []
  if (!currencies.some((c) => c.currency_code === currency)) {
    await updateStoresWorkflow(container).run({
      input: {
        selector: { id: store.id },
        update: {
          supported_currencies: [
            ...currencies.map((c) => ({ currency_code: c.currency_code, is_default: false })),
            { currency_code: currency, is_default: true },
          ],
          default_sales_channel_id: salesChannelId,
        },
      },
    })
    log(`store currency ${currency} added`)
  }

  // Region.
  let [region] = await regionModule.listRegions({ name: o.regionName })
  if (!region) {
    const { result } = await createRegionsWorkflow(container).run({
      input: {
        regions: [
          {
            name: o.regionName,
            currency_code: currency,
            countries,
            payment_providers: [PAYMENT_PROVIDER],
          },
        ],
      },
    })
    region = result[0]
    log(`region ${o.regionName} created (${countries.join(", ")})`)
  }
  if (!store.default_region_id) {
    await updateStoresWorkflow(container).run({
      input: { selector: { id: store.id }, update: { default_region_id: region.id } },
    })
  }

  // Tax regions, one per country (no default rate: prices are taxed at 0 unless a rate is added).
  const taxRegions = await taxModule.listTaxRegions({ country_code: countries })
  const missingTax = countries.filter(
    (c) => !taxRegions.some((t) => t.country_code === c && !t.parent_id)
  )
  if (missingTax.length) {
    await createTaxRegionsWorkflow(container).run({
      input: missingTax.map((country_code) => ({ country_code, provider_id: TAX_PROVIDER })),
    })
    log(`tax regions created: ${missingTax.join(", ")}`)
  }

  // Stock location, linked to the sales channel and to the manual fulfillment provider.
  const loadLocation = async () => {
    const { data } = await query.graph({
      entity: "stock_location",
      fields: [
        "id",
        "name",
        "sales_channels.id",
        "fulfillment_providers.id",
        "fulfillment_sets.id",
        "fulfillment_sets.name",
        "fulfillment_sets.service_zones.id",
        "fulfillment_sets.service_zones.name",
      ],
      filters: { name: o.stockLocationName },
    })
    return data[0] as any
  }
  let location = await loadLocation()
  if (!location) {
    await createStockLocationsWorkflow(container).run({
      input: {
        locations: [
          {
            name: o.stockLocationName,
            address: { address_1: "1 Rue de la Gare", city: "Luxembourg", country_code: "LU" },
          },
        ],
      },
    })
    location = await loadLocation()
    log(`stock location ${o.stockLocationName} created`)
  }
  const locationId: string = location.id
  if (!(location.sales_channels ?? []).some((sc: any) => sc?.id === salesChannelId)) {
    await linkSalesChannelsToStockLocationWorkflow(container).run({
      input: { id: locationId, add: [salesChannelId] },
    })
  }
  if (!(location.fulfillment_providers ?? []).some((p: any) => p?.id === FULFILLMENT_PROVIDER)) {
    await createLinksWorkflow(container).run({
      input: [
        {
          [Modules.STOCK_LOCATION]: { stock_location_id: locationId },
          [Modules.FULFILLMENT]: { fulfillment_provider_id: FULFILLMENT_PROVIDER },
        },
      ],
    })
  }

  // Fulfillment set (shipping) with one service zone covering the countries.
  let fulfillmentSet = (location.fulfillment_sets ?? []).find(
    (s: any) => s?.name === o.fulfillmentSetName
  )
  if (!fulfillmentSet) {
    await createLocationFulfillmentSetWorkflow(container).run({
      input: {
        location_id: locationId,
        fulfillment_set_data: { name: o.fulfillmentSetName, type: "shipping" },
      },
    })
    fulfillmentSet = (await loadLocation()).fulfillment_sets.find(
      (s: any) => s?.name === o.fulfillmentSetName
    )
  }
  let serviceZone = (fulfillmentSet.service_zones ?? []).find(
    (z: any) => z?.name === o.serviceZoneName
  )
  if (!serviceZone) {
    const { result } = await createServiceZonesWorkflow(container).run({
      input: {
        data: [
          {
            name: o.serviceZoneName,
            fulfillment_set_id: fulfillmentSet.id,
            geo_zones: countries.map((country_code) => ({ type: "country" as const, country_code })),
          },
        ],
      },
    })
    serviceZone = result[0]
    log(`service zone ${o.serviceZoneName} created`)
  }

  // Default shipping profile (Medusa's own when it exists).
  let [profile] = await fulfillmentModule.listShippingProfiles({ type: "default" })
  if (!profile) {
    const { result } = await createShippingProfilesWorkflow(container).run({
      input: { data: [{ name: "Default Shipping Profile", type: "default" }] },
    })
    profile = result[0]
    log("default shipping profile created")
  }

  // Shipping option with a flat price in the store currency.
  let [shippingOption] = await fulfillmentModule.listShippingOptions({
    name: o.shippingOptionName,
    service_zone: { id: serviceZone.id },
  })
  if (!shippingOption) {
    const { result } = await createShippingOptionsWorkflow(container).run({
      input: [
        {
          name: o.shippingOptionName,
          price_type: "flat",
          provider_id: FULFILLMENT_PROVIDER,
          service_zone_id: serviceZone.id,
          shipping_profile_id: profile.id,
          type: { label: "Standard", description: "Delivered in 2-3 days.", code: "standard" },
          prices: [
            { currency_code: currency, amount: o.shippingPrice },
            { region_id: region.id, amount: o.shippingPrice },
          ],
          rules: [
            { attribute: "enabled_in_store", value: "true", operator: "eq" },
            { attribute: "is_return", value: "false", operator: "eq" },
          ],
        },
      ],
    })
    shippingOption = result[0]
    log(`shipping option ${o.shippingOptionName} created (${o.shippingPrice} ${currency})`)
  }

  // Products (one variant each) on the default profile, sold in the sales channel.
  const loadProducts = async () => {
    const { data } = await query.graph({
      entity: "product",
      fields: [
        "id",
        "title",
        "handle",
        "variants.id",
        "variants.title",
        "variants.sku",
        "variants.prices.amount",
        "variants.prices.currency_code",
        "variants.inventory_items.inventory_item_id",
      ],
      filters: { handle: products.map((p) => p.handle) },
    })
    return data as any[]
  }
  let existing = await loadProducts()
  const missingProducts = products.filter((p) => !existing.some((e) => e.handle === p.handle))
  if (missingProducts.length) {
    await createProductsWorkflow(container).run({
      input: {
        products: missingProducts.map((p) => ({
          title: p.title,
          handle: p.handle,
          description: p.description ?? `${p.title}, sold by the RewardFlow demo store.`,
          status: ProductStatus.PUBLISHED,
          shipping_profile_id: profile.id,
          sales_channels: [{ id: salesChannelId }],
          options: [{ title: "Edition", values: ["Standard"] }],
          variants: [
            {
              title: p.title,
              sku: p.sku,
              manage_inventory: true,
              options: { Edition: "Standard" },
              prices: [{ amount: p.price, currency_code: currency }],
            },
          ],
        })),
      },
    })
    existing = await loadProducts()
    log(`products created: ${missingProducts.map((p) => p.handle).join(", ")}`)
  }

  // Inventory levels at the location for every variant's inventory item.
  const itemIds: string[] = existing.flatMap((p) =>
    (p.variants ?? []).flatMap((v: any) =>
      (v.inventory_items ?? []).map((i: any) => i.inventory_item_id)
    )
  )
  if (itemIds.length) {
    const levels = await inventoryModule.listInventoryLevels({
      inventory_item_id: itemIds,
      location_id: locationId,
    })
    const missingLevels = itemIds.filter((id) => !levels.some((l) => l.inventory_item_id === id))
    if (missingLevels.length) {
      await createInventoryLevelsWorkflow(container).run({
        input: {
          inventory_levels: missingLevels.map((inventory_item_id) => ({
            inventory_item_id,
            location_id: locationId,
            stocked_quantity: o.stockedQuantity,
          })),
        },
      })
      log(`inventory levels created: ${missingLevels.length}`)
    }
  }

  // Publishable API key linked to the sales channel.
  let apiKey = (
    await apiKeyModule.listApiKeys({ title: o.publishableKeyTitle, type: "publishable" })
  ).find((k) => !k.revoked_at)
  if (!apiKey) {
    const { result } = await createApiKeysWorkflow(container).run({
      input: { api_keys: [{ title: o.publishableKeyTitle, type: "publishable", created_by: "" }] },
    })
    apiKey = result[0]
    log(`publishable API key ${o.publishableKeyTitle} created`)
  }
  const { data: keyLinks } = await query.graph({
    entity: "api_key",
    fields: ["id", "sales_channels.id"],
    filters: { id: apiKey.id },
  })
  if (!((keyLinks[0] as any)?.sales_channels ?? []).some((sc: any) => sc?.id === salesChannelId)) {
    await linkSalesChannelsToApiKeyWorkflow(container).run({
      input: { id: apiKey.id, add: [salesChannelId] },
    })
  }

  const variants: StoreFixtureVariant[] = products.flatMap((p) => {
    const product = existing.find((e) => e.handle === p.handle)
    return (product?.variants ?? []).map((v: any) => {
      const price = (v.prices ?? []).find((pr: any) => pr?.currency_code === currency)
      return {
        id: v.id,
        title: v.title,
        sku: v.sku ?? null,
        price: price ? Number(price.amount) : p.price,
        product_id: product.id,
        product_title: product.title,
        product_handle: product.handle,
      }
    })
  })

  return {
    store_id: store.id,
    region_id: region.id,
    currency_code: currency,
    countries,
    sales_channel_id: salesChannelId,
    publishable_key: apiKey.token,
    publishable_key_id: apiKey.id,
    stock_location_id: locationId,
    shipping_profile_id: profile.id,
    shipping_option_id: shippingOption.id,
    shipping_price: o.shippingPrice,
    variants,
  }
}
