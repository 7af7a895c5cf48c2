import { randomInt } from "node:crypto"

/**
 * Referral rules, pure: the members' codes and links, what makes two people the same shopper
 * (e-mail, shipping address), and when a referee's first order settles the referral.
 */

/** Digits and capitals without the look-alikes 0/O, 1/I/L: a code read aloud or typed from paper survives. */
export const REFERRAL_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
export const REFERRAL_CODE_LENGTH = 8

/** Why a referral earns nothing (kept on the referral for the admin; `unknown_code` is only answered). */
export const REFERRAL_REFUSAL_REASONS = ["self_referral", "existing_customer", "weekly_limit", "unknown_code"] as const
export type ReferralRefusalReason = (typeof REFERRAL_REFUSAL_REASONS)[number]

export const REFERRAL_STATUSES = ["signed_up", "qualified", "rewarded", "refused"] as const
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number]

/**
 * Days after the referee's first order when it counts as kept, without a pending period: the
 * EU's minimum withdrawal period for distance sales (14 days). With a pending period, its length.
 */
export const REFERRAL_RETURN_WINDOW_DAYS = 14
/** The window of `referral_weekly_limit`. */
export const REFERRAL_LIMIT_WINDOW_DAYS = 7

const DAY_MS = 86_400_000

/** A new code: 8 characters of the unambiguous alphabet (31^8, about 8.5 * 10^11 codes). */
export function generateReferralCode(): string {
  let code = ""
  while (code.length < REFERRAL_CODE_LENGTH) code += REFERRAL_CODE_ALPHABET[randomInt(0, REFERRAL_CODE_ALPHABET.length)]
  return code
}

/** A typed or linked code as stored: capitals, spaces and dashes dropped. */
export function normalizeReferralCode(input: string): string {
  return input.replace(/[\s-]+/g, "").toUpperCase()
}

/** The storefront link that carries the code (`?ref=CODE`), or null without a storefront URL. */
export function referralLink(base: string | null | undefined, code: string | null | undefined): string | null {
  if (!base || !code) return null
  try {
    const url = new URL(base)
    url.searchParams.set("ref", code)
    return url.toString()
  } catch {
    return null
  }
}

/** An e-mail as a person, not a mailbox: case, dots of the local part and +tags ignored. */
export function normalizeEmail(email: string | null | undefined): string | null {
  const trimmed = email?.trim().toLowerCase()
  if (!trimmed) return null
  const at = trimmed.lastIndexOf("@")
  if (at <= 0) return trimmed
  const local = trimmed.slice(0, at).split("+")[0].replace(/\./g, "")
  return `${local}@${trimmed.slice(at + 1)}`
}

export type PostalAddress = {
  address_1?: string | null
  address_2?: string | null
  postal_code?: string | null
  city?: string | null
  country_code?: string | null
}

const words = (s: string | null | undefined) =>
  (s ?? "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()

/**
 * A shipping address as a place: street lines, postal code (or the city without one) and
 * country, with case, accents, punctuation and spacing ignored. Null when there is no street.
 */
export function addressKey(address: PostalAddress | null | undefined): string | null {
  if (!address) return null
  const street = words(`${address.address_1 ?? ""} ${address.address_2 ?? ""}`)
  if (!street) return null
  const postal = words(address.postal_code).replace(/ /g, "")
  return [street, postal || words(address.city), words(address.country_code)].join("|")
}

/** When an order placed at `placedAt` can no longer be canceled or returned for the referral. */
export function referralSettlesAt(placedAt: Date | string, pendingDays: number | null | undefined): Date {
  const days = pendingDays && pendingDays > 0 ? pendingDays : REFERRAL_RETURN_WINDOW_DAYS
  return new Date(new Date(placedAt).getTime() + days * DAY_MS)
}

/** Keys of a referral's two bonuses. */
export const referralBonusKey = (referralId: string, side: "referrer" | "referee") => `referral:${referralId}:${side}`

/** A referee's order as the referral rules read it. */
export type ReferralOrder = {
  id: string
  created_at: Date | string
  status?: string | null
  canceled_at?: Date | string | null
  items?: ({ quantity?: unknown; detail?: { return_received_quantity?: unknown; return_dismissed_quantity?: unknown } | null } | null)[] | null
  shipping_address?: PostalAddress | null
}

/** A quantity as Medusa gives it (a number, or a BigNumber-like with `numeric`); null when unknown. */
const num = (v: unknown): number | null => {
  const n = Number(typeof v === "object" && v !== null && "numeric" in v ? (v as { numeric: unknown }).numeric : v)
  return v == null || !Number.isFinite(n) ? null : n
}

/** Canceled, or every unit received back or dismissed: such an order is not kept. */
export function orderNotKept(order: ReferralOrder): boolean {
  if (order.status === "canceled" || order.canceled_at) return true
  const items = (order.items ?? []).filter(Boolean) as NonNullable<NonNullable<ReferralOrder["items"]>[number]>[]
  if (!items.length) return false
  return items.every((i) => {
    const ordered = num(i.quantity)
    // An item whose quantity is unknown counts as kept: only a return seen whole excludes the order.
    return ordered !== null && ordered - (num(i.detail?.return_received_quantity) ?? 0) - (num(i.detail?.return_dismissed_quantity) ?? 0) <= 0
  })
}

export type ReferralDecision =
  /** No order counts yet (none placed, or every one canceled or returned). */
  | { action: "none" }
  /** The first order counts once its period is over. */
  | { action: "wait"; order_id: string; qualifies_at: string }
  | { action: "refuse"; reason: ReferralRefusalReason; order_id: string }
  | { action: "reward"; order_id: string }

/**
 * What the referee's orders say of the referral now. The first order that is not canceled or
 * fully returned is the one that counts (one canceled or returned before its period ended
 * leaves the place to the next); shipped to an address of the referrer's orders, it is a
 * self-referral; it rewards once its period is over (see referralSettlesAt).
 */
export function decideReferral(input: {
  orders: ReferralOrder[]
  referrerAddressKeys: Set<string> | string[]
  pendingDays: number | null | undefined
  now: Date
}): ReferralDecision {
  const referrerKeys = input.referrerAddressKeys instanceof Set ? input.referrerAddressKeys : new Set(input.referrerAddressKeys)
  const orders = [...input.orders].sort((a, b) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime() || a.id.localeCompare(b.id))
  for (const order of orders) {
    if (orderNotKept(order)) continue
    const key = addressKey(order.shipping_address)
    if (key && referrerKeys.has(key)) return { action: "refuse", reason: "self_referral", order_id: order.id }
    const settles = referralSettlesAt(order.created_at, input.pendingDays)
    if (input.now.getTime() < settles.getTime()) return { action: "wait", order_id: order.id, qualifies_at: settles.toISOString() }
    return { action: "reward", order_id: order.id }
  }
  return { action: "none" }
}
