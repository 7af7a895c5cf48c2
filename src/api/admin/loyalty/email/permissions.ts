import type { AuthenticatedMedusaRequest, MedusaNextFunction, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, FeatureFlag, MedusaError } from "@medusajs/framework/utils"
import { LOYALTY_MESSAGING_MODULE } from "../../../../modules/loyalty-messaging"
import type LoyaltyMessagingModuleService from "../../../../modules/loyalty-messaging/service"

/** RBAC permissions (see src/policies/loyalty-messaging.ts). */
export const MANAGE_TEMPLATES_POLICY = { resource: "loyalty", operation: "manage_templates" }
export const MANAGE_EMAIL_SETTINGS_POLICY = { resource: "loyalty", operation: "manage_email_settings" }

/** Medusa 2.21 ships RBAC behind the `rbac` feature flag (MEDUSA_FF_RBAC=true). */
export const isRbacEnabled = () => FeatureFlag.isFeatureEnabled("rbac")

type Actor = { user: { email?: string } | undefined; role: string; isAdmin: boolean }

/**
 * Admin or staff, told apart by the user's `metadata.role`: unset or "admin" is an admin
 * (every user Medusa creates starts like that), any other value ("staff", ...) is staff.
 * Secret API keys are created by admins and count as admin.
 */
async function actorOf(req: AuthenticatedMedusaRequest): Promise<Actor> {
  const { actor_type, actor_id } = req.auth_context
  if (actor_type === "api-key") return { user: undefined, role: "admin", isAdmin: true }
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "user", fields: ["email", "metadata"], filters: { id: actor_id } })
  const user = data[0] as { email?: string; metadata?: Record<string, unknown> | null } | undefined
  const role = typeof user?.metadata?.role === "string" ? (user.metadata.role as string).trim().toLowerCase() : ""
  return { user, role, isAdmin: !!user && (!role || role === "admin") }
}

/**
 * Who may edit loyalty email templates (`loyalty.manage_templates`).
 * - With Medusa's RBAC enabled, the route carries `policies: [loyalty:manage_templates]` and
 *   Medusa checks the user's roles (the super admin role's `*:*` includes it); this middleware
 *   then adds nothing.
 * - Without RBAC: admins may; staff may only when listed in the plugin option
 *   `email.templateEditors` by email or role.
 */
export async function requireTemplateEditor(req: AuthenticatedMedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  if (isRbacEnabled()) return next()
  const { user, role, isAdmin } = await actorOf(req)
  if (isAdmin) return next()
  const messaging: LoyaltyMessagingModuleService = req.scope.resolve(LOYALTY_MESSAGING_MODULE)
  const { emails, roles } = messaging.config.templateEditors
  if (user && (emails.includes((user.email ?? "").toLowerCase()) || roles.includes(role))) return next()
  throw new MedusaError(
    MedusaError.Types.FORBIDDEN,
    `User ${user?.email ?? req.auth_context.actor_id} (role ${role || "none"}) lacks the loyalty.manage_templates permission: ask an admin, or list the user in the plugin option email.templateEditors`
  )
}

/**
 * Who may change the email settings (mail server, credentials): with RBAC the route's
 * `loyalty:manage_email_settings` policy decides; without it, admins only.
 */
export async function requireEmailSettingsAdmin(req: AuthenticatedMedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  if (isRbacEnabled()) return next()
  const { user, role, isAdmin } = await actorOf(req)
  if (isAdmin) return next()
  throw new MedusaError(
    MedusaError.Types.FORBIDDEN,
    `User ${user?.email ?? req.auth_context.actor_id} (role ${role}) may not change email settings: only admins can`
  )
}
