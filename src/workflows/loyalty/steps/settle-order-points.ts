import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE, type SettleOrderPointsResult } from "../../../modules/loyalty"
import { pendingAvailableAt } from "../../../modules/loyalty/lib/ledger/pending-store"
import { earningBasis, type EarningBasis, orderPointsTarget, upgradeBasis } from "../../../modules/loyalty/lib/order-points"
import type LoyaltyModuleService from "../../../modules/loyalty/service"
import { compensateLedgerEntry } from "./compensate-entry"
import type { OrderLoyalty } from "./load-order-loyalty"

export const settleOrderPointsStepId = "settle-order-points"

export type SettleOrderPointsStepInput = {
  state: OrderLoyalty
  /** The account opened by this run (auto-enrollment), when the customer had none. */
  enrolled_account_id?: string | null
  /** What made the coordinator run (an event name, "job"), recorded on the entries it writes. */
  trigger: string
  /** The clock of the program's pending period (ISO; default: now). */
  now?: string
}

type Undo = { account_id: string; order_id: string; net: number; matured_entry_id: string | null; now?: string } | null

export type SettledOrderPoints = SettleOrderPointsResult & {
  account_id: string | null
  target: number
  /** Why nothing was awarded, when the order had not earned before and earns nothing now. */
  skip_reason: string | null
}

const TRIGGER_REASONS: Record<string, string> = {
  "order.canceled": "canceled",
  "order.return_received": "items returned",
  "payment.refunded": "refunded",
  "order.claim_created": "claim",
  "order.exchange_created": "exchange",
  "order-edit.confirmed": "edited",
}

/**
 * Brings the order's points to what it earns on what the shopper kept (see orderPointsTarget):
 * the first time with the order's earning basis, afterwards against it, whatever changed
 * (cancel, returns in any number of passes, refunds without a return, claims, exchanges,
 * edits) and in whatever order the events came. One entry, or none when the points are
 * already right. Compensation settles the order back to where this run found it.
 *
 * @example
 * const points = settleOrderPointsStep({ state, trigger: "order.placed" })
 */
export const settleOrderPointsStep = createStep(
  settleOrderPointsStepId,
  async (input: SettleOrderPointsStepInput, { container }) => {
    const { state } = input
    const account_id = state.account?.id ?? input.enrolled_account_id ?? null
    const none = (skip_reason: string | null, net = state.points.net) =>
      new StepResponse<SettledOrderPoints, Undo>({ change: null, matured: null, net_before: net, net_after: net, account_id, target: net, skip_reason }, null)
    if (!account_id || !state.order) return none(state.skip_reason ?? "not_enrolled")
    // The order's points so far: an award a compensation undid (net 0, no basis) is no award.
    const earn = state.points.earn && (state.points.net !== 0 || (state.points.earn.metadata as any)?.earning_basis) ? state.points.earn : null
    // An order that earned nothing yet earns only if it may now; one that earned always follows its changes.
    if (!earn && state.skip_reason) return none(state.skip_reason)

    const program = state.program as any
    const stored = (earn?.metadata as Record<string, unknown> | null)?.earning_basis as EarningBasis | undefined
    let basis: EarningBasis
    if (earn && !stored && state.points.net > 0) {
      // Earned before the plugin kept what points were earned on: only a cancellation can be measured.
      return state.canceled ? await settle(0) : none(null)
    }
    basis = stored ? upgradeBasis(stored, { ...program, currency_code: state.order.currency_code }, state.order.total) : earningBasis(state.order, program, state.multiplier)
    const { target } = orderPointsTarget(basis, state.order, state.canceled)
    if (!earn && target === 0) return none(state.canceled ? "order_canceled" : "no_points")
    return await settle(target)

    async function settle(target: number) {
      const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
      const label = state.order?.display_id ? `Order #${state.order.display_id}` : `Order ${state.order_id}`
      const why = TRIGGER_REASONS[input.trigger]
      const result = await loyalty.settleOrderPoints({
        account_id: account_id!,
        order_id: state.order_id,
        target,
        reason: earn && why ? `${label}: ${why}` : label,
        actor: { customer_id: state.order?.customer_id ?? null },
        earn_metadata: { currency_code: state.order?.currency_code, display_id: state.order?.display_id ?? null, earning_basis: basis! },
        metadata: { trigger: input.trigger },
        // The program's pending period, counted from the order's placement (see OrderPointsStore).
        available_at: pendingAvailableAt(state.order?.created_at, program.pending_days),
        now: input.now ? new Date(input.now) : undefined,
      })
      const wrote = !!result.change?.created || !!result.matured?.created
      return new StepResponse<SettledOrderPoints, Undo>(
        { ...result, account_id, target, skip_reason: null },
        wrote
          ? { account_id: account_id!, order_id: state.order_id, net: result.net_before, matured_entry_id: result.matured?.entry.id ?? null, now: input.now }
          : null
      )
    }
  },
  async (undo, context) => {
    if (!undo) return
    const loyalty: LoyaltyModuleService = context.container.resolve(LOYALTY_MODULE)
    await loyalty.settleOrderPoints({
      account_id: undo.account_id,
      order_id: undo.order_id,
      target: undo.net,
      reason: "Workflow compensation",
      metadata: { trigger: "compensation", compensation: true },
      now: undo.now ? new Date(undo.now) : undefined,
    })
    // Then the maturation this run wrote goes back to pending (its event was dropped): the next run writes it again.
    await compensateLedgerEntry(undo.matured_entry_id, context)
  }
)
