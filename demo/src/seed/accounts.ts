/**
 * Idempotent accounts for the demo and the tests: an admin user and a shopper (customer), each
 * with an `emailpass` auth identity, so both can log in with email and password.
 * Re-running reuses the user, customer and identity and sets the password given.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import {
  createCustomerAccountWorkflow,
  createUserAccountWorkflow,
} from "@medusajs/medusa/core-flows"

type AccountInput = {
  email: string
  password: string
  first_name?: string
  last_name?: string
}

/** Returns the id of the emailpass auth identity of `email`, created or updated with `password`. */
async function ensureEmailpassIdentity(
  container: MedusaContainer,
  email: string,
  password: string
): Promise<{ id: string; app_metadata: Record<string, unknown> }> {
  const auth = container.resolve(Modules.AUTH)
  const [existing] = await auth.listProviderIdentities({ entity_id: email, provider: "emailpass" })
  if (existing) {
    const updated = await auth.updateProvider("emailpass", { entity_id: email, password })
    if (!updated.success) throw new Error(`could not set the password of ${email}: ${updated.error}`)
    const identity = await auth.retrieveAuthIdentity(existing.auth_identity_id as string)
    return { id: identity.id, app_metadata: identity.app_metadata ?? {} }
  }
  const { success, authIdentity, error } = await auth.register("emailpass", {
    body: { email, password },
  })
  if (!success || !authIdentity) throw new Error(`could not register ${email}: ${error}`)
  return { id: authIdentity.id, app_metadata: authIdentity.app_metadata ?? {} }
}

export async function ensureAdminUser(container: MedusaContainer, input: AccountInput) {
  const userModule = container.resolve(Modules.USER)
  const identity = await ensureEmailpassIdentity(container, input.email, input.password)
  let [user] = await userModule.listUsers({ email: input.email })
  let created = false
  if (!user) {
    const { result } = await createUserAccountWorkflow(container).run({
      input: {
        authIdentityId: identity.id,
        userData: {
          email: input.email,
          first_name: input.first_name ?? "Admin",
          last_name: input.last_name ?? "RewardFlow",
        },
      },
    })
    user = result
    created = true
  } else if (identity.app_metadata.user_id !== user.id) {
    await container.resolve(Modules.AUTH).updateAuthIdentities({
      id: identity.id,
      app_metadata: { ...identity.app_metadata, user_id: user.id },
    })
  }
  return { user, auth_identity_id: identity.id, created }
}

export async function ensureCustomerAccount(container: MedusaContainer, input: AccountInput) {
  const customerModule = container.resolve(Modules.CUSTOMER)
  const identity = await ensureEmailpassIdentity(container, input.email, input.password)
  const linkedId = identity.app_metadata.customer_id as string | undefined
  let customer = linkedId
    ? (await customerModule.listCustomers({ id: linkedId }))[0]
    : undefined
  let created = false
  if (!customer) {
    const { result } = await createCustomerAccountWorkflow(container).run({
      input: {
        authIdentityId: identity.id,
        customerData: {
          email: input.email,
          first_name: input.first_name ?? "Shopper",
          last_name: input.last_name ?? "RewardFlow",
        },
      },
    })
    customer = result
    created = true
  }
  return { customer, auth_identity_id: identity.id, created }
}
