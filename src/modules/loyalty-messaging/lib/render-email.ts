import { wrapInLayout } from "./layout"
import { parseTemplate, renderNodes, templateVariables } from "./template-syntax"
import { assertKnownVariables, formatVariables, type EmailVariables, type TemplateKey } from "./variables"

export type TemplateContent = { subject: string; html_body: string; text_body: string }

export type RenderedEmail = { subject: string; html: string; text: string }

/**
 * Checks a template as it would be saved: the syntax of each part, and that every variable
 * is one this template is given. Throws INVALID_DATA naming the field and the variable.
 */
export function validateTemplate(key: TemplateKey, content: Partial<TemplateContent>) {
  for (const field of ["subject", "html_body", "text_body"] as const) {
    const source = content[field]
    if (source === undefined) continue
    assertKnownVariables(key, templateVariables(parseTemplate(source, field)), field)
  }
}

/**
 * Renders a template in the locale it is written in: values formatted for that locale,
 * escaped in the HTML part only, then wrapped in the shared layout.
 */
export function renderEmail(
  key: TemplateKey,
  locale: string,
  content: TemplateContent,
  raw: EmailVariables,
  /** IANA time zone the dates are written in. */
  timeZone = "UTC"
): RenderedEmail {
  validateTemplate(key, content)
  const values = formatVariables(key, raw, locale, timeZone)
  const subject = renderNodes(parseTemplate(content.subject, "subject"), values, "text").replace(/[ \t\r\n]+/g, " ").trim()
  const body = {
    html: renderNodes(parseTemplate(content.html_body, "html_body"), values, "html"),
    text: renderNodes(parseTemplate(content.text_body, "text_body"), values, "text"),
  }
  const wrapped = wrapInLayout({
    locale,
    subject,
    ...body,
    storeName: values["store.name"] ?? "",
    programName: values["program.name"] ?? "",
  })
  return { subject, ...wrapped }
}
