/** A paragraph of a mail body, styled inline (mail clients drop stylesheets). */
export const paragraph = (html: string) => `<p style="margin:0 0 16px;">${html}</p>\n`

/** A link drawn as a button that stays tappable on phones. */
export const button = (href: string, label: string) =>
  `<p style="margin:24px 0;"><a href="${href}" style="display:inline-block;padding:12px 20px;background:#18181b;color:#ffffff;border-radius:6px;text-decoration:none;font-weight:600;">${label}</a></p>\n`
