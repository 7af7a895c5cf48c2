import { model } from "@medusajs/framework/utils"

/**
 * One email template in one language. `updated_by` is set when a merchant edits it, so the
 * seeding script (and any later one) knows never to touch it.
 */
export const EmailTemplate = model
  .define("loyalty_email_template", {
    id: model.id({ prefix: "lmtpl" }).primaryKey(),
    key: model.text(),
    locale: model.text(),
    subject: model.text(),
    html_body: model.text(),
    text_body: model.text(),
    is_active: model.boolean().default(true),
    updated_by: model.text().nullable(),
  })
  .indexes([{ name: "IDX_loyalty_email_template_key_locale", on: ["key", "locale"], unique: true, where: null }])
