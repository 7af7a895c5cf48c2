import { escapeHtml } from "./template-syntax"
import { layoutText } from "./locale"

export type LayoutInput = {
  locale: string
  subject: string
  /** Rendered (already escaped) HTML of the template body. */
  html: string
  text: string
  storeName: string
  programName: string
}

/**
 * The shared responsive layout every loyalty mail is wrapped in: a single 600px column that
 * shrinks on phones, inline styles only (mail clients drop <style> blocks), a localized footer.
 */
export function wrapInLayout(input: LayoutInput): { html: string; text: string } {
  const footer = layoutText(input.locale, "footer", { program: input.programName, store: input.storeName })
  const html = `<!doctype html>
<html lang="${escapeHtml(input.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.subject)}</title>
</head>
<body style="margin:0;padding:0;background:#f4f4f5;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f4f5;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border-radius:8px;">
<tr><td style="padding:20px 28px;border-bottom:1px solid #e4e4e7;font:600 18px/1.4 Helvetica,Arial,sans-serif;color:#18181b;">${escapeHtml(input.storeName)}</td></tr>
<tr><td style="padding:24px 28px;font:15px/1.6 Helvetica,Arial,sans-serif;color:#27272a;">
${input.html}
</td></tr>
<tr><td style="padding:16px 28px;border-top:1px solid #e4e4e7;font:12px/1.5 Helvetica,Arial,sans-serif;color:#71717a;">${escapeHtml(footer)}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>`
  const text = `${input.text.trim()}\n\n--\n${footer}\n`
  return { html, text }
}
