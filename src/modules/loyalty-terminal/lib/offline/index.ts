/**
 * The cryptography of the offline bundle for in-store tablets (issue 11, "Offline without an
 * offline oracle"). Pure node:crypto; the README section "The offline bundle (tablet protocol)"
 * specifies the same format for tablet implementations.
 */
export * from "./encoding"
export * from "./canonical"
export * from "./seal"
export * from "./sign"
export * from "./bundle"
