import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { createCustomersWorkflow } from "@medusajs/medusa/core-flows"
import { LOYALTY_MODULE } from "../../../modules/loyalty"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { enrollCustomerWorkflow } from "../../../workflows/loyalty/workflows/enroll-customer"
import { terminalRoute, tillContext } from "../terminal-response"
import { tillAccountView } from "../till"

type Body = { email: string; first_name?: string; last_name?: string; locale?: "en" | "fr" | "de" | "lb" }

/**
 * Enrolls a shopper at the till: the Medusa customer with this email (a registered one first),
 * or a new one (without a login; they can register with the same email later). 201 when the
 * account is new, 200 when they were a member already. The welcome bonus records the device and
 * the staff member.
 */
export const POST = terminalRoute(async (req: MedusaRequest<Body>, res: MedusaResponse) => {
  const terminal = tillContext(req)
  const body = req.validatedBody as Body
  const customers = await req.scope.resolve(Modules.CUSTOMER).listCustomers({ email: body.email }, { take: 10 })
  let customer = customers.find((c: any) => c.has_account) ?? customers[0]
  if (!customer) {
    const { result } = await createCustomersWorkflow(req.scope).run({
      input: { customersData: [{ email: body.email, first_name: body.first_name ?? null, last_name: body.last_name ?? null }] },
    })
    customer = result[0]
  }
  const { result } = await enrollCustomerWorkflow(req.scope).run({
    input: { customer_id: customer.id, locale: body.locale ?? null, actor_terminal: { device_id: terminal.device.id, staff_id: terminal.staff.id } },
  })
  const loyalty: LoyaltyModuleService = req.scope.resolve(LOYALTY_MODULE)
  const [account] = await loyalty.listLoyaltyAccounts({ customer_id: customer.id }, { take: 1 })
  res.status(result.created ? 201 : 200).json({ account: await tillAccountView(req, account.id), created: result.created })
})
