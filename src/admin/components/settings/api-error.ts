/** An error thrown by the js-sdk client: the API's `message` and the HTTP status. */
export type ApiError = Error & { status?: number }

/** Medusa's body validation puts this before the schema's own message. */
const VALIDATION_PREFIX = /^Invalid request:\s*/

/** The API's message as shown under its field: without Medusa's "Invalid request:" in front. */
export const messageUnderField = (error: unknown) => ((error as Error | null)?.message ?? "").replace(VALIDATION_PREFIX, "")

/**
 * The field an API error is about, so that its message can be shown next to that field:
 * a message that starts with one of `fields` ("subject: unknown variable {{x}} …", "port must
 * be an integer …", "Invalid request: issuer_id must be …"), else the first of `fields` quoted
 * in it ("Value for field 'origins, 0' too small …"). Null when it names none of them.
 */
export function fieldOfError(error: unknown, fields: readonly string[]): string | null {
  const message = ((error as Error | null)?.message ?? "").replace(VALIDATION_PREFIX, "")
  const match = /^([a-z_]+)\b/.exec(message)
  if (match && fields.includes(match[1])) return match[1]
  for (const quoted of message.matchAll(/'([a-z_]+)[',]/g)) {
    if (fields.includes(quoted[1])) return quoted[1]
  }
  return null
}
