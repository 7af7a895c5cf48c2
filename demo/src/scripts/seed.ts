/**
 * Demo seed, run by demo/run.js with `medusa exec ./src/scripts/seed.ts`.
 * Idempotent: the store, the admin, the shopper, their orders and the loyalty program are
 * reused when they exist. Passwords come from run.js (DEMO_ADMIN_PASSWORD, DEMO_SHOPPER_PASSWORD);
 * the result is written to DEMO_SEED_RESULT (a JSON file) for run.js to print.
 */
import fs from "node:fs"
import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { settleOrderLoyaltyWorkflow, updateLoyaltyAccountWorkflow } from "medusa-plugin-rewardflow/workflows"
import { ensureAdminUser, ensureCustomerAccount } from "../seed/accounts"
import { placeOrderWithWorkflows } from "../seed/orders"
import { ensureDemoRewards } from "../seed/rewards"
import { seedStore } from "../seed/store"

export const ADMIN_EMAIL = "admin@rewardflow.test"
export const SHOPPER_EMAIL = "shopper@rewardflow.test"
const SHOPPER_ORDERS = 2

export default async function seedDemo({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const log = (message: string) => logger.info(`[demo seed] ${message}`)
  const adminPassword = requireEnv("DEMO_ADMIN_PASSWORD")
  const shopperPassword = requireEnv("DEMO_SHOPPER_PASSWORD")

  const fixture = await seedStore(container, { log })
  log(`store ready: region ${fixture.region_id}, ${fixture.variants.length} products`)

  const admin = await ensureAdminUser(container, {
    email: ADMIN_EMAIL,
    password: adminPassword,
    first_name: "Alex",
    last_name: "Admin",
  })
  log(`admin ${ADMIN_EMAIL} ${admin.created ? "created" : "reused"}`)

  // The loyalty program first, so that the shopper's orders earn points.
  const loyalty = container.resolve("loyalty") as any
  const program = await loyalty.getOrCreateDefaultProgram()
  log(`loyalty program "${program.name}" (${program.id}) ready`)
  await ensureDemoRewards(container, fixture, log)

  const shopper = await ensureCustomerAccount(container, {
    email: SHOPPER_EMAIL,
    password: shopperPassword,
    first_name: "Lea",
    last_name: "Muller",
  })
  log(`shopper ${SHOPPER_EMAIL} ${shopper.created ? "created" : "reused"}`)

  const { data: existingOrders } = await query.graph({
    entity: "order",
    fields: ["id"],
    filters: { customer_id: shopper.customer.id },
  })
  const [tote, coffee, hoodie] = fixture.variants
  const baskets = [
    [{ variant_id: tote.id, quantity: 2 }, { variant_id: coffee.id, quantity: 1 }],
    [{ variant_id: hoodie.id, quantity: 1 }],
  ]
  const placed: string[] = []
  for (let i = existingOrders.length; i < SHOPPER_ORDERS; i++) {
    const orderId = await placeOrderWithWorkflows(container, fixture, {
      customer_id: shopper.customer.id,
      email: SHOPPER_EMAIL,
      items: baskets[i % baskets.length],
      // Demo data is test data: the go-live board counts it and its clean-up removes it.
      metadata: { rewardflow_test: true },
    })
    placed.push(orderId)
    log(`order ${orderId} placed for ${SHOPPER_EMAIL}`)
  }
  if (!placed.length) {
    log(`shopper already has ${existingOrders.length} orders; none placed`)
  }
  // The order.placed subscriber awards these too, asynchronously; running the workflow here
  // (the order coordinator: idempotent, one run per order at a time) makes sure the points are there before `medusa exec` exits.
  for (const order_id of placed) {
    await settleOrderLoyaltyWorkflow(container).run({ input: { order_id, trigger: "demo-seed" } })
  }
  const [account] = await loyalty.listLoyaltyAccounts({ customer_id: shopper.customer.id })
  const points: number | undefined = account?.balance
  if (account && !account.is_test) {
    await updateLoyaltyAccountWorkflow(container).run({ input: { id: account.id, is_test: true } })
    log(`the shopper's loyalty account ${account.id} is marked as test data`)
  }

  const result = {
    fixture,
    admin: { email: ADMIN_EMAIL, user_id: admin.user.id },
    shopper: { email: SHOPPER_EMAIL, customer_id: shopper.customer.id, points },
    orders: { existing: existingOrders.map((o: any) => o.id), placed },
    loyalty_program: { id: program.id, name: program.name },
  }
  if (process.env.DEMO_SEED_RESULT) {
    fs.writeFileSync(process.env.DEMO_SEED_RESULT, JSON.stringify(result, null, 2))
  }
}

function requireEnv(name: string): string {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set: run the seed through demo/run.js`)
  return value
}
