/**
 * Places an order with Medusa's core workflows, the same steps the store API runs for a
 * storefront checkout: cart, shipping method, payment collection + session, complete.
 * `order.placed` is emitted as for any other order, so the plugin's subscribers see it.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import {
  addShippingMethodToCartWorkflow,
  completeCartWorkflow,
  createCartWorkflow,
  createPaymentCollectionForCartWorkflow,
  createPaymentSessionsWorkflow,
} from "@medusajs/medusa/core-flows"
import type { StoreFixture } from "./store"

export const DEMO_ADDRESS = {
  first_name: "Lea",
  last_name: "Muller",
  address_1: "12 Rue du Fort",
  city: "Luxembourg",
  postal_code: "L-1234",
  country_code: "lu",
  phone: "+352 621 000 000",
}

export async function placeOrderWithWorkflows(
  container: MedusaContainer,
  fixture: StoreFixture,
  input: {
    customer_id?: string
    email: string
    items: { variant_id: string; quantity: number }[]
    address?: Partial<typeof DEMO_ADDRESS>
    /** The cart's metadata, which the order keeps (the demo marks its orders `rewardflow_test`). */
    metadata?: Record<string, unknown>
  }
): Promise<string> {
  const address = { ...DEMO_ADDRESS, ...input.address }
  const { result: cart } = await createCartWorkflow(container).run({
    input: {
      region_id: fixture.region_id,
      sales_channel_id: fixture.sales_channel_id,
      currency_code: fixture.currency_code,
      customer_id: input.customer_id,
      email: input.email,
      items: input.items,
      shipping_address: address,
      billing_address: address,
      ...(input.metadata ? { metadata: input.metadata } : {}),
    },
  })
  await addShippingMethodToCartWorkflow(container).run({
    input: { cart_id: cart.id, options: [{ id: fixture.shipping_option_id }] },
  })
  const { result: collection } = await createPaymentCollectionForCartWorkflow(container).run({
    input: { cart_id: cart.id },
  })
  await createPaymentSessionsWorkflow(container).run({
    input: { payment_collection_id: collection.id, provider_id: "pp_system_default" },
  })
  const { result } = await completeCartWorkflow(container).run({ input: { id: cart.id } })
  return result.id
}
