import type { MedusaRequest } from "@medusajs/framework/http"
import { z } from "@medusajs/framework/zod"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { LOYALTY_MODULE } from "../../modules/loyalty"
import { formatCardNumber, normalizeCardNumber } from "../../modules/loyalty/lib/card-number"
import { refusal } from "../../modules/loyalty/lib/refusal"
import type LoyaltyModuleService from "../../modules/loyalty/service"
import { SHOPPER_ENTRY_FIELDS } from "../loyalty-views"

/** A card as typed (spaces, dashes) or scanned (the Wallet pass's QR and barcode carry the 16 digits). */
export const TillLookup = z.object({ code: z.string().trim().min(1).max(100) })

export const TillEnroll = z.object({
  email: z.string().trim().toLowerCase().email({ message: "email must be an email address" }),
  first_name: z.string().trim().min(1).max(100).optional(),
  last_name: z.string().trim().min(1).max(100).optional(),
  locale: z.enum(["en", "fr", "de", "lb"]).optional(),
})

const Pin = z.string().regex(/^\d{6,8}$/, { message: "pin must be 6 to 8 digits" })

export const TillAward = z.object({
  account_id: z.string().min(1).max(100),
  receipt_number: z.string().trim().min(1).max(64),
  amount: z.number().gt(0).max(1_000_000),
  currency_code: z.string().trim().length(3),
  /** A manager's PIN for an award above the approval threshold (their session is not needed). */
  manager: z.object({ staff_id: z.string().min(1).max(100), pin: Pin }).strict().optional(),
})

export const TillRedeem = z.object({
  account_id: z.string().min(1).max(100),
  reward_id: z.string().min(1).max(100),
  /** The tablet's id of this redemption (a UUID): a retry with it returns the first. */
  client_id: z.string().trim().min(8).max(100),
})

export const TillVoid = z.object({ reason: z.string().trim().min(1).max(500).optional() })

export const TillEntries = z.object({
  limit: z.preprocess((v) => (typeof v === "string" && v.trim() !== "" ? Number(v) : v), z.number().int().min(1).max(50).default(10)),
})

const loyaltyOf = (req: MedusaRequest): LoyaltyModuleService => req.scope.resolve(LOYALTY_MODULE)

/** "n***@shop.lu": enough for a cashier to confirm it is the shopper, not a list of emails. */
export function maskEmail(email: string | null | undefined): string | null {
  if (!email) return null
  const [name, domain] = email.split("@")
  return `${name.slice(0, 1)}***@${domain ?? ""}`
}

/** An account as the till shows it: card, balance, status, the shopper's first name and initial, a masked email. */
export async function tillAccountView(req: MedusaRequest, accountId: string) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const [account] = await loyaltyOf(req).listLoyaltyAccounts({ id: accountId }, { take: 1 })
  if (!account) throw refusal("not_found", `Loyalty account ${accountId} was not found`, {}, MedusaError.Types.NOT_FOUND)
  const { data: [customer] } = await query.graph({ entity: "customer", fields: ["id", "first_name", "last_name", "email"], filters: { id: account.customer_id } })
  return {
    id: account.id,
    customer_id: account.customer_id,
    card_number: account.card_number,
    card_number_formatted: formatCardNumber(account.card_number),
    status: account.status,
    balance: account.balance,
    points_owed: account.points_owed,
    lifetime_earned: account.lifetime_earned,
    locale: account.locale,
    customer: customer
      ? { first_name: customer.first_name ?? null, last_initial: customer.last_name ? `${customer.last_name.slice(0, 1)}.` : null, email: maskEmail(customer.email) }
      : null,
  }
}

/** The account of a typed or scanned card: 404 `not_found` for a number that is no member's. */
export async function accountByCode(req: MedusaRequest, code: string) {
  const card = normalizeCardNumber(code)
  const [account] = /^\d{16}$/.test(card) ? await loyaltyOf(req).listLoyaltyAccounts({ card_number: card }, { take: 1 }) : []
  if (!account) throw refusal("not_found", `No loyalty card ${formatCardNumber(card)}`, {}, MedusaError.Types.NOT_FOUND)
  return account
}

/** The account of a till request's body, with its customer (for the events). */
export async function tillAccount(req: MedusaRequest, accountId: string) {
  const [account] = await loyaltyOf(req).listLoyaltyAccounts({ id: accountId }, { take: 1 })
  if (!account) throw refusal("not_found", `Loyalty account ${accountId} was not found`, {}, MedusaError.Types.NOT_FOUND)
  return account
}

/** The account's recent history for the till, newest first. */
export async function tillEntries(req: MedusaRequest, accountId: string, limit: number) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "loyalty_ledger_entry",
    fields: [...SHOPPER_ENTRY_FIELDS, "actor_device_id", "actor_staff_id"],
    filters: { account_id: accountId },
    pagination: { skip: 0, take: limit, order: { created_at: "DESC", id: "DESC" } },
  })
  return data
}
