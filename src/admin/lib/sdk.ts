import Medusa from "@medusajs/js-sdk"

/** The admin's API client: same origin, the admin session cookie. */
export const sdk = new Medusa({
  baseUrl: "/",
  debug: false,
  auth: { type: "session" },
})
