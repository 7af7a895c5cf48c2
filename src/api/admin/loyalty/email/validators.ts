import { z } from "@medusajs/framework/zod"
import { EMAIL_LOCALES, TEMPLATE_KEYS } from "../../../../modules/loyalty-messaging"

const templateText = (max: number) => z.string().max(max)

export const AdminListEmailTemplates = z.object({
  key: z.enum(TEMPLATE_KEYS).optional(),
  locale: z.enum(EMAIL_LOCALES).optional(),
})
export type AdminListEmailTemplatesType = z.infer<typeof AdminListEmailTemplates>

export const AdminUpdateEmailTemplate = z
  .object({
    subject: templateText(300).trim().min(1).optional(),
    html_body: templateText(100_000).min(1).optional(),
    text_body: templateText(50_000).min(1).optional(),
    is_active: z.boolean().optional(),
  })
  .strict()
export type AdminUpdateEmailTemplateType = z.infer<typeof AdminUpdateEmailTemplate>

const Draft = z
  .object({
    subject: templateText(300).optional(),
    html_body: templateText(100_000).optional(),
    text_body: templateText(50_000).optional(),
  })
  .strict()

export const AdminPreviewEmail = z
  .object({
    key: z.enum(TEMPLATE_KEYS),
    locale: z.enum(EMAIL_LOCALES),
    /** Unsaved edits to render instead of the stored parts. */
    draft: Draft.optional(),
  })
  .strict()
export type AdminPreviewEmailType = z.infer<typeof AdminPreviewEmail>

const Recipient = z.string().trim().email({ message: "to must be an email address" })

export const AdminSendTemplateTest = AdminPreviewEmail.extend({ to: Recipient }).strict()
export type AdminSendTemplateTestType = z.infer<typeof AdminSendTemplateTest>

export const AdminSendSettingsTest = z.object({ to: Recipient }).strict()
export type AdminSendSettingsTestType = z.infer<typeof AdminSendSettingsTest>

/** Field values are checked by the settings spec (names the field); null removes an override. */
export const AdminUpdateEmailSettings = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
export type AdminUpdateEmailSettingsType = z.infer<typeof AdminUpdateEmailSettings>

export const AdminDiagnoseEmail = z.object({ timeout_ms: z.number().int().min(200).max(15_000).optional() }).strict()
export type AdminDiagnoseEmailType = z.infer<typeof AdminDiagnoseEmail>

export const AdminListEmailLogs = z.object({
  status: z.enum(["queued", "sending", "sent", "retrying", "failed"]).optional(),
  template_key: z.string().optional(),
  recipient: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
})
export type AdminListEmailLogsType = z.infer<typeof AdminListEmailLogs>
