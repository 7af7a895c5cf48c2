import { OfflineFormatError } from "./encoding"

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }

/**
 * The canonical serialization of an offline action: RFC 8785 (JSON Canonicalization Scheme),
 * restricted to plain JSON data.
 *
 * - objects: members sorted by key, compared as UTF-16 code units (JavaScript's default string
 *   sort; for ASCII keys, which are all the protocol uses, plain byte order), `{"a":1,"b":2}`;
 * - no whitespace anywhere;
 * - strings: as ECMAScript JSON.stringify writes them: `"` and `\` escaped, U+0008/09/0A/0C/0D as
 *   \b \t \n \f \r, other code points below U+0020 as \u00XX (lowercase hex), everything else
 *   literal; lone surrogates are refused;
 * - numbers: finite only (NaN and ±Infinity are refused), written as ECMAScript Number#toString
 *   (the shortest round-trip form: 1, 12.5, 1e+21, -0 as 0);
 * - true, false, null; arrays in order;
 * - anything else (undefined, a missing array slot, bigint, Date, Map, class instances,
 *   functions, cycles) is refused rather than silently dropped.
 *
 * The result is encoded as UTF-8.
 */
export function canonicalJson(value: unknown): string {
  return write(value, new Set(), "$")
}

function write(value: unknown, seen: Set<object>, path: string): string {
  if (value === null) return "null"
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false"
    case "number":
      if (!Number.isFinite(value)) {
        throw new OfflineFormatError(`canonical JSON: ${path} is ${value}, only finite numbers are allowed`)
      }
      return JSON.stringify(value)
    case "string":
      return writeString(value, path)
    case "object":
      break
    default:
      throw new OfflineFormatError(`canonical JSON: ${path} is a ${typeof value}, not JSON data`)
  }
  const object = value as object
  if (seen.has(object)) throw new OfflineFormatError(`canonical JSON: ${path} is a cycle`)
  seen.add(object)
  try {
    if (Array.isArray(object)) {
      const parts: string[] = []
      for (let i = 0; i < object.length; i++) {
        if (!(i in object)) throw new OfflineFormatError(`canonical JSON: ${path}[${i}] is missing`)
        parts.push(write(object[i], seen, `${path}[${i}]`))
      }
      return `[${parts.join(",")}]`
    }
    const proto = Object.getPrototypeOf(object)
    if (proto !== Object.prototype && proto !== null) {
      throw new OfflineFormatError(`canonical JSON: ${path} is not a plain object`)
    }
    const keys = Object.keys(object).sort()
    const parts = keys.map((key) => {
      const member = (object as Record<string, unknown>)[key]
      if (member === undefined) throw new OfflineFormatError(`canonical JSON: ${path}.${key} is undefined`)
      return `${writeString(key, `${path} key`)}:${write(member, seen, `${path}.${key}`)}`
    })
    return `{${parts.join(",")}}`
  } finally {
    seen.delete(object)
  }
}

function writeString(value: string, path: string): string {
  if (!isWellFormed(value)) throw new OfflineFormatError(`canonical JSON: ${path} has a lone surrogate`)
  return JSON.stringify(value)
}

function isWellFormed(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = value.charCodeAt(i + 1)
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false
      i++
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return false
    }
  }
  return true
}
