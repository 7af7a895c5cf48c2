import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { updateLoyaltyAccountWorkflow } from "../../../../../workflows/loyalty/workflows/update-loyalty-account"
import type { LedgerPageParamsType } from "../../../../store/loyalty/me/entries/validators"
import type { AdminUpdateLoyaltyAccountType } from "../validators"
import { ADMIN_ACCOUNT_FIELDS, ADMIN_ENTRY_FIELDS, graphOne, nextExpiry, pendingPoints, withCardDisplay } from "../../../../loyalty-views"
import { walletPassView } from "./wallet-pass-view"
import { entryActors } from "./entry-actors"
import { reservedPoints } from "./reserved-points"
import { statusHistory } from "../../../../../workflows/loyalty/status-history"
import { adminBonuses } from "../../../../loyalty-bonus-views"
import { adminTier } from "../../../../loyalty-tier-views"
import { setLoyaltyBirthdayWorkflow } from "../../../../../workflows/loyalty-bonuses/workflows/set-loyalty-birthday"

/** One account with its customer, its Google Wallet pass and a page of its ledger entries, newest first. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { limit, offset, type } = req.validatedQuery as LedgerPageParamsType
  const account = await graphOne(
    req.scope,
    "loyalty_account",
    [...ADMIN_ACCOUNT_FIELDS, "metadata", "customer.id", "customer.email", "customer.first_name", "customer.last_name"],
    { id: req.params.id }
  )
  if (!account) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Loyalty account ${req.params.id} was not found`)
  }
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: entries, metadata } = await query.graph({
    entity: "loyalty_ledger_entry",
    fields: ADMIN_ENTRY_FIELDS,
    filters: { account_id: account.id, ...(type ? { type } : {}) },
    pagination: { skip: offset, take: limit, order: { created_at: "DESC", id: "DESC" } },
  })
  // The metadata stays private (as before); only the status history kept in it is shown.
  const { metadata: accountMetadata, ...fields } = account
  res.json({
    account: { ...withCardDisplay(fields), status_history: statusHistory(accountMetadata), points_reserved: await reservedPoints(req.scope, account.id), next_expiry: await nextExpiry(req.scope, account.id), pending: await pendingPoints(req.scope, account), ...(await adminBonuses(req.scope, account)), ...(await adminTier(req.scope, account)) },
    wallet_pass: await walletPassView(req.scope, account.id),
    entries,
    actors: await entryActors(req.scope, entries),
    entries_count: metadata?.count ?? entries.length,
    limit,
    offset,
  })
}

/** Blocks or unblocks the account (with a reason, kept in its status history), flags it as test data, or sets its locale or birthday. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateLoyaltyAccountType>, res: MedusaResponse) => {
  const { birthday, ...fields } = req.validatedBody
  if (birthday !== undefined) {
    // The birthday has its own verb: its first setting and changes are stamped for the bonus rules.
    await setLoyaltyBirthdayWorkflow(req.scope).run({ input: { account_id: req.params.id, birthday, actor: { user_id: req.auth_context.actor_id } } })
  }
  if (Object.keys(fields).length || birthday === undefined) {
    await updateLoyaltyAccountWorkflow(req.scope).run({ input: { id: req.params.id, ...fields, actor_user_id: req.auth_context.actor_id } })
  }
  const account = await graphOne(req.scope, "loyalty_account", ADMIN_ACCOUNT_FIELDS, { id: req.params.id })
  res.json({ account: { ...withCardDisplay(account!), ...(await adminBonuses(req.scope, account!)) } })
}
