import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../../validate"
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
const NoBody = z.object({}).strict()

/** Routes of /admin/loyalty/email (authentication comes from the /admin/loyalty/* entry). */
export const emailAdminMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/loyalty/email/templates",
    middlewares: [validateQuery(AdminListEmailTemplates, list)],
  },
  {
    method: ["GET"],
    matcher: "/admin/loyalty/email/templates/:id",
    middlewares: [validateQuery(NoQuery, list)],
  },
  {
    method: ["POST"],
    matcher: "/admin/loyalty/email/templates/:id",
    policies: [MANAGE_TEMPLATES_POLICY],
    middlewares: [requireTemplateEditor, validateBody(AdminUpdateEmailTemplate)],
  },
  {
    method: ["POST"],
    matcher: "/admin/loyalty/email/preview",
    middlewares: [validateBody(AdminPreviewEmail)],
  },
  {
    method: ["POST"],
    matcher: "/admin/loyalty/email/send-test",
    middlewares: [validateBody(AdminSendTemplateTest)],
  },
  {
    method: ["GET"],
    matcher: "/admin/loyalty/email/settings",
    middlewares: [validateQuery(NoQuery, list)],
  },
  {
    method: ["POST"],
    matcher: "/admin/loyalty/email/settings",
    policies: [MANAGE_EMAIL_SETTINGS_POLICY],
    middlewares: [requireEmailSettingsAdmin, validateBody(AdminUpdateEmailSettings)],
  },
  {
    method: ["POST"],
    matcher: "/admin/loyalty/email/test-mail",
    middlewares: [validateBody(AdminSendSettingsTest)],
  },
  {
    // The same route under the name the API was specified with (see email/[action]/route.ts).
    method: ["POST"],
    matcher: "/admin/loyalty/email/test",
    middlewares: [validateBody(AdminSendSettingsTest)],
  },
  {
    method: ["POST"],
    matcher: "/admin/loyalty/email/diagnose",
    middlewares: [validateBody(AdminDiagnoseEmail)],
  },
  {
    method: ["GET"],
    matcher: "/admin/loyalty/email/logs",
    middlewares: [validateQuery(AdminListEmailLogs, list)],
  },
  {
    method: ["POST"],
    matcher: "/admin/loyalty/email/logs/:id/resend",
    middlewares: [validateBody(NoBody)],
  },
]
