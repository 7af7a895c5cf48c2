/**
 * base64url (RFC 4648 §5) without padding: the only binary encoding of the offline bundle.
 * Decoding is strict: an alphabet outside [A-Za-z0-9_-], padding, or a string that does not
 * re-encode to itself is refused, so one value has one spelling.
 */
export function toBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64url")
}

export function fromBase64Url(value: string, what = "value"): Buffer {
  if (typeof value !== "string" || !/^[A-Za-z0-9_-]*$/.test(value)) {
    throw new OfflineFormatError(`${what} must be base64url without padding`)
  }
  const bytes = Buffer.from(value, "base64url")
  if (bytes.toString("base64url") !== value) {
    throw new OfflineFormatError(`${what} is not canonical base64url`)
  }
  return bytes
}

/** Bytes given either raw or as base64url; `length` checked when given. */
export function bytesOf(value: Uint8Array | string, what: string, length?: number): Buffer {
  const bytes =
    typeof value === "string"
      ? fromBase64Url(value, what)
      : value instanceof Uint8Array
        ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
        : (() => {
            throw new OfflineFormatError(`${what} must be bytes or a base64url string`)
          })()
  if (length !== undefined && bytes.length !== length) {
    throw new OfflineFormatError(`${what} must be ${length} bytes, got ${bytes.length}`)
  }
  return bytes
}

export class OfflineFormatError extends Error {
  constructor(message: string) {
    super(message)
    this.name = "OfflineFormatError"
  }
}
