/** An error thrown by the js-sdk client: the API's `message` and the HTTP status. */
export type ApiError = Error & { status?: number }

/**
 * The field an API error is about, when its message starts with one of `fields`
 * ("subject: unknown variable {{x}} …", "port must be an integer …"), so that the message
 * can be shown next to that field.
 */
export function fieldOfError(error: unknown, fields: readonly string[]): string | null {
  const message = (error as Error | null)?.message ?? ""
  const match = /^([a-z_]+)\b/.exec(message)
  if (match && fields.includes(match[1])) return match[1]
  const quoted = /'([a-z_]+)'/.exec(message)
  return quoted && fields.includes(quoted[1]) ? quoted[1] : null
}
