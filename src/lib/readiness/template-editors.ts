import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { isRbacEnabled } from "../../api/admin/loyalty/email/permissions"
import { LOYALTY_MESSAGING_MODULE } from "../../modules/loyalty-messaging"
import type LoyaltyMessagingModuleService from "../../modules/loyalty-messaging/service"
import type { ReadinessCheck, ReadinessLine, ReadinessStatus } from "./types"

/**
 * Who may edit the email templates: with Medusa's RBAC on, the `loyalty:manage_templates`
 * policy decides (ready). Without it, admins may, and staff listed in `email.templateEditors`
 * by email or role: ready when the list names someone and every email listed is a user; with
 * nobody listed, or an email that is no user, ready with risks. Never blocks the launch.
 */
export const checkTemplateEditors: ReadinessCheck = async ({ container, now }): Promise<ReadinessLine> => {
  const checked_at = now.toISOString()
  const base = { id: "template_editors" as const, fix_path: "/settings/loyalty-emails" }
  if (isRbacEnabled()) {
    return {
      ...base,
      status: "ready",
      summary: "Medusa's RBAC decides who may edit templates: grant the loyalty:manage_templates policy to the roles that may",
      evidence: [{ label: "Permission system", value: "RBAC (MEDUSA_FF_RBAC)", checked_at, source: "feature flag" }],
    }
  }
  const messaging: LoyaltyMessagingModuleService = container.resolve(LOYALTY_MESSAGING_MODULE)
  const { emails, roles } = messaging.config.templateEditors
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: users } = emails.length ? await query.graph({ entity: "user", fields: ["email"], filters: { email: emails } }) : { data: [] }
  const known = new Set((users as { email: string }[]).map((u) => u.email.toLowerCase()))
  const unknown = emails.filter((e) => !known.has(e.toLowerCase()))
  const risks: string[] = []
  if (!emails.length && !roles.length) risks.push("only admin users may edit templates: no staff email or role is listed in email.templateEditors and RBAC is off")
  if (unknown.length) risks.push(`email.templateEditors lists ${unknown.join(", ")}, which is no admin user`)
  const status: ReadinessStatus = risks.length ? "ready_with_risks" : "ready"
  return {
    ...base,
    status,
    summary: risks.length ? `Template editing: ${risks.join("; ")}` : `Admins and the staff listed in email.templateEditors (${[...emails, ...roles.map((r) => `role ${r}`)].join(", ")}) may edit templates`,
    evidence: [
      { label: "Permission system", value: "plugin option email.templateEditors (RBAC is off)", checked_at, source: "options" },
      { label: "Staff emails allowed to edit templates", value: emails.length ? emails.join(", ") : "none", checked_at, source: "options" },
      { label: "Staff roles allowed to edit templates", value: roles.length ? roles.join(", ") : "none", checked_at, source: "options" },
      { label: "Listed emails that are no user", value: unknown.length ? unknown.join(", ") : "none", checked_at },
    ],
  }
}
