import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { TEMPLATE_VARIABLES, type TemplateKey } from "../../../../../../modules/loyalty-messaging"
import { updateEmailTemplateWorkflow } from "../../../../../../workflows/loyalty-messaging/workflows/update-email-template"
import type { AdminUpdateEmailTemplateType } from "../../validators"
import { TEMPLATE_FIELDS } from "../route"

async function templateView(req: AuthenticatedMedusaRequest<any>) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "loyalty_email_template", fields: TEMPLATE_FIELDS, filters: { id: req.params.id } })
  const template = data[0] as { key: TemplateKey } | undefined
  if (!template) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Email template ${req.params.id} not found`)
  return { template, variables: TEMPLATE_VARIABLES[template.key] ?? [] }
}

/** One template with the variables it may use. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json(await templateView(req))
}

/** Edits a template; an unknown variable is refused with 400 naming it. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateEmailTemplateType>, res: MedusaResponse) => {
  await templateView(req)
  await updateEmailTemplateWorkflow(req.scope).run({
    input: { id: req.params.id, ...req.validatedBody, actor_id: req.auth_context.actor_id ?? null },
  })
  res.json(await templateView(req))
}
