import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { validateAndTransformQuery as medusaValidateQuery } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"

type Issue = {
  code: string
  path: PropertyKey[]
  message: string
  expected?: string
  input?: unknown
  origin?: string
  minimum?: number | bigint
  maximum?: number | bigint
  inclusive?: boolean
  values?: unknown[]
  keys?: string[]
  divisor?: number
  exact?: boolean
  errors?: Issue[][]
}

type ParseResult = { success: true; data: unknown } | { success: false; error: { issues: Issue[] } }
type Schema = { safeParseAsync(v: unknown): Promise<ParseResult>; strict?: () => Schema }

const valueAt = (body: unknown, path: PropertyKey[]) =>
  path.reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[k] : undefined), body)

const fieldName = (path: PropertyKey[]) =>
  path.reduce<string>((name, k) => (typeof k === "number" ? `${name}[${k}]` : name ? `${name}.${String(k)}` : String(k)), "")

const showValue = (v: unknown) => (typeof v === "string" ? JSON.stringify(v) : v === undefined ? "nothing" : JSON.stringify(v) ?? String(v))

function bound(issue: Issue, low: boolean): string {
  const n = Number(low ? issue.minimum : issue.maximum)
  const inclusive = issue.inclusive !== false
  if (issue.exact) {
    if (issue.origin === "string") return `must be exactly ${n} characters`
    if (issue.origin === "array" || issue.origin === "set") return `must have exactly ${n} item(s)`
  }
  switch (issue.origin) {
    case "string":
      return low
        ? n === 1 && inclusive ? "must not be empty" : `must be at least ${inclusive ? n : n + 1} characters`
        : `must be at most ${inclusive ? n : n - 1} characters`
    case "array":
    case "set":
      return low ? `must have at least ${inclusive ? n : n + 1} item(s)` : `must have at most ${inclusive ? n : n - 1} item(s)`
    case "date":
      return low ? `must be on or after ${new Date(n).toISOString()}` : `must be on or before ${new Date(n).toISOString()}`
    default:
      // A bound that is not inclusive is said as such: "greater than 0", never "at least 0".
      if (low) return inclusive ? `must be at least ${n}` : `must be greater than ${n}`
      return inclusive ? `must be at most ${n}` : `must be less than ${n}`
  }
}

/** One issue as "<field> <problem>", the field first so a form can put it under that field. */
export function describeIssue(issue: Issue, body: unknown, query = false): { field: string; message: string } {
  const field = fieldName(issue.path)
  const got = valueAt(body, issue.path)
  // A query's values are all text: `limit=0` is said as 0, not "0".
  const show = (v: unknown) => (query && typeof v === "string" && v.trim() !== "" ? v : showValue(v))
  const say = (problem: string) => ({ field, message: field ? `${field} ${problem}` : problem })
  switch (issue.code) {
    case "invalid_type":
      if (got === undefined) return say("is required")
      if (issue.expected === "int") return say(`must be a whole number, got ${show(got)}`)
      return say(`must be ${/^[aeiou]/.test(issue.expected ?? "") ? "an" : "a"} ${issue.expected}, got ${show(got)}`)
    case "invalid_value":
      if (got === undefined) return say("is required")
      return say(`must be one of ${(issue.values ?? []).map((v) => show(v)).join(", ")}, got ${show(got)}`)
    case "too_small":
      return say(`${bound(issue, true)}, got ${show(got)}`)
    case "too_big":
      return say(`${bound(issue, false)}, got ${show(got)}`)
    case "not_multiple_of":
      return say(`must be a multiple of ${issue.divisor}, got ${show(got)}`)
    case "unrecognized_keys": {
      const keys = issue.keys ?? []
      const name = keys.map((k) => (field ? `${field}.${k}` : k))
      return { field: name[0] ?? field, message: `unknown field${keys.length > 1 ? "s" : ""} ${name.join(", ")}` }
    }
    case "invalid_union": {
      // One of several shapes: say which types would do (zod keeps each variant's issues).
      const expected = [...new Set((issue.errors ?? []).flat().filter((i) => i.code === "invalid_type" && i.path.length === 0).map((i) => i.expected))]
      if (got === undefined) return say("is required")
      if (expected.length) return say(`must be ${expected.map((e) => (e === "int" ? "a whole number" : `${/^[aeiou]/.test(e ?? "") ? "an" : "a"} ${e}`)).join(" or ")}, got ${show(got)}`)
      const first = (issue.errors ?? []).flat()[0]
      return first ? describeIssue({ ...first, path: [...issue.path, ...first.path] }, body, query) : say(`is not valid, got ${show(got)}`)
    }
    case "invalid_format":
      if (issue.message.startsWith("Invalid")) return say(`is not a valid ${issue.message.replace(/^Invalid\s*/, "")}`)
      return field && (issue.message.startsWith(field) || issue.message.startsWith(field.split(/[.[]/)[0])) ? { field, message: issue.message } : say(issue.message)
    default: {
      // A schema's own message (refine, custom): used as written, with the field in front
      // unless it already starts with it.
      const own = issue.message
      if (!field || own.startsWith(field) || own.startsWith(field.split(/[.[]/)[0])) return { field, message: own }
      return say(own)
    }
  }
}

/** The 400 body for a request that fails its schema: the first problems, the field each is about. */
export function invalidRequestBody(issues: Issue[], body: unknown, query = false) {
  const errors = issues.slice(0, 5).map((i) => describeIssue(i, body, query))
  return {
    type: MedusaError.Types.INVALID_DATA,
    message: `Invalid request: ${errors.map((e) => e.message).join("; ")}`,
    reason: "invalid_request" as const,
    field: errors[0]?.field ?? null,
    errors,
  }
}

/**
 * The first field (or key) holding U+0000, which PostgreSQL can store in neither text nor jsonb:
 * let through, it would fail the request with a 500 wherever it reached the database (a workflow
 * checkpoints its input there before its first step).
 */
export function nulCharacterField(value: unknown, path: PropertyKey[] = []): PropertyKey[] | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulCharacterField(value[i], [...path, i])
      if (found) return found
    }
    return null
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes("\u0000")) return [...path, k.replace(/\u0000/g, "\\u0000")]
      const found = nulCharacterField(v, [...path, k])
      if (found) return found
    }
  }
  return null
}

function nulRefusal(path: PropertyKey[]) {
  const field = fieldName(path)
  const message = `${field || "the body"} must not contain the NUL character (U+0000)`
  return { type: MedusaError.Types.INVALID_DATA, message: `Invalid request: ${message}`, reason: "invalid_request" as const, field: field || null, errors: [{ field, message }] }
}

async function check(schema: Schema, value: unknown): Promise<ParseResult> {
  const strict = typeof schema.strict === "function" ? schema.strict() : schema
  return await strict.safeParseAsync(value)
}

/**
 * Validates the body like Medusa's `validateAndTransformBody` (strict: unknown fields are
 * refused), and answers a bad one with 400, `reason: "invalid_request"`, the field and a message
 * that says the rule as it is ("points must be greater than 0", never "at least 0").
 */
export function validateBody(schema: unknown) {
  return async function validateRewardFlowBody(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
    // Like Medusa's, a schema may be a function of the route's additional-data validator.
    const resolved = typeof schema === "function" ? (schema as (v: unknown) => unknown)((req as { additionalDataValidator?: unknown }).additionalDataValidator) : schema
    const nul = nulCharacterField(req.body)
    if (nul) {
      res.status(400).json(nulRefusal(nul))
      return
    }
    const result = await check(resolved as Schema, req.body ?? {})
    if (!result.success) {
      res.status(400).json(invalidRequestBody(result.error.issues, req.body))
      return
    }
    ;(req as MedusaRequest & { validatedBody: unknown }).validatedBody = result.data
    next()
  }
}

/** The query as Medusa's validateAndTransformQuery reads it: `a.b=x` nests, a lone repeated value splits on commas. */
function normalizeQuery(query: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, any> = {}
  for (const [key, raw] of Object.entries(query)) {
    const value = Array.isArray(raw) && raw.length === 1 && typeof raw[0] === "string" ? raw[0].split(",") : raw
    const [parent, child] = key.split(".")
    if (child !== undefined && key.split(".").length === 2) out[parent] = { ...(out[parent] ?? {}), [child]: value }
    else out[key] = value
  }
  return out
}

/**
 * Medusa's `validateAndTransformQuery` (it also builds `req.queryConfig`), with the query first
 * checked against the schema so that a bad parameter gets the same 400 body as a bad field.
 */
export function validateQuery(schema: unknown, config: Parameters<typeof medusaValidateQuery>[1]) {
  const medusa = medusaValidateQuery(schema as Parameters<typeof medusaValidateQuery>[0], config)
  return async function validateRewardFlowQuery(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
    const query = normalizeQuery((req.query ?? {}) as Record<string, unknown>)
    const nul = nulCharacterField(query)
    if (nul) {
      res.status(400).json(nulRefusal(nul))
      return
    }
    const result = await check(schema as Schema, query)
    if (!result.success) {
      res.status(400).json(invalidRequestBody(result.error.issues, query, true))
      return
    }
    await medusa(req, res, next)
  }
}
