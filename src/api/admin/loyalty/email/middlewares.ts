import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { z } from "@medusajs/framework/zod"
import { MANAGE_EMAIL_SETTINGS_POLICY, MANAGE_TEMPLATES_POLICY, requireEmailSettingsAdmin, requireTemplateEditor } from "./permissions"
import {
  AdminDiagnoseEmail,
  AdminListEmailLogs,
  AdminListEmailTemplates,
  AdminPreviewEmail,
  AdminSendSettingsTest,
  AdminSendTemplateTest,
  AdminUpdateEmailSettings,
  AdminUpdateEmailTemplate,
} from "./validators"

const list = { defaults: ["id"], isList: true }
const NoQuery = z.object({})

/** Routes of /admin/loyalty/email (authentication comes from the /admin/loyalty/* entry). */
export const emailAdminMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/loyalty/email/templates",
    middlewares: [validateAndTransformQuery(AdminListEmailTemplates, list)],
  },
  {
    method: ["GET"],
    matcher: "/admin/loyalty/email/templates/:id",
    middlewares: [validateAndTransformQuery(NoQuery, list)],
  },
  {
    method: ["POST"],
    matcher: "/admin/loyalty/email/templates/:id",
    policies: [MANAGE_TEMPLATES_POLICY],
    middlewares: [requireTemplateEditor, validateAndTransformBody(AdminUpdateEmailTemplate)],
  },
  {
    method: ["POST"],
    matcher: "/admin/loyalty/email/preview",
    middlewares: [validateAndTransformBody(AdminPreviewEmail)],
  },
  {
    method: ["POST"],
    matcher: "/admin/loyalty/email/send-test",
    middlewares: [validateAndTransformBody(AdminSendTemplateTest)],
  },
  {
    method: ["GET"],
    matcher: "/admin/loyalty/email/settings",
    middlewares: [validateAndTransformQuery(NoQuery, list)],
  },
  {
    method: ["POST"],
    matcher: "/admin/loyalty/email/settings",
    policies: [MANAGE_EMAIL_SETTINGS_POLICY],
    middlewares: [requireEmailSettingsAdmin, validateAndTransformBody(AdminUpdateEmailSettings)],
  },
  {
    method: ["POST"],
    matcher: "/admin/loyalty/email/test-mail",
    middlewares: [validateAndTransformBody(AdminSendSettingsTest)],
  },
  {
    // The same route under the name the API was specified with (see email/[action]/route.ts).
    method: ["POST"],
    matcher: "/admin/loyalty/email/test",
    middlewares: [validateAndTransformBody(AdminSendSettingsTest)],
  },
  {
    method: ["POST"],
    matcher: "/admin/loyalty/email/diagnose",
    middlewares: [validateAndTransformBody(AdminDiagnoseEmail)],
  },
  {
    method: ["GET"],
    matcher: "/admin/loyalty/email/logs",
    middlewares: [validateAndTransformQuery(AdminListEmailLogs, list)],
  },
]
