import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { TEMPLATE_VARIABLES } from "../../../../../modules/loyalty-messaging"
import type { AdminListEmailTemplatesType } from "../validators"

export const TEMPLATE_FIELDS = ["id", "key", "locale", "subject", "html_body", "text_body", "is_active", "updated_by", "created_at", "updated_at"]

/** Every template (key x locale), with the variables each may use. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminListEmailTemplatesType>, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const filters = Object.fromEntries(Object.entries(req.validatedQuery).filter(([, v]) => v !== undefined))
  const { data } = await query.graph({
    entity: "loyalty_email_template",
    fields: TEMPLATE_FIELDS,
    filters,
    pagination: { order: { key: "ASC", locale: "ASC" }, take: 500 },
  })
  res.json({ templates: data, variables: TEMPLATE_VARIABLES })
}
