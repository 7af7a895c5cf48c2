import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { LOYALTY_MODULE } from "../../modules/loyalty"
import type LoyaltyModuleService from "../../modules/loyalty/service"
import { LOYALTY_TERMINAL_MODULE } from "../../modules/loyalty-terminal"
import type LoyaltyTerminalModuleService from "../../modules/loyalty-terminal/service"
import type { ReadinessCheck, ReadinessLine, ReadinessStatus } from "./types"

type Reward = { id: string; is_active: boolean; starts_at: Date | string | null; ends_at: Date | string | null }

/** Rewards a shopper can take at `now`: active, started, not over. */
export function availableRewards(rewards: Reward[], now: Date): Reward[] {
  return rewards.filter(
    (r) => r.is_active && (!r.starts_at || new Date(r.starts_at) <= now) && (!r.ends_at || new Date(r.ends_at) > now)
  )
}

/** Stores (stock locations) where staff work but no paired, unrevoked device is. */
export function storesWithoutTerminal(staff: { stock_location_ids: string[] }[], devices: { stock_location_id: string; revoked_at: unknown }[]): string[] {
  const paired = new Set(devices.filter((d) => !d.revoked_at).map((d) => d.stock_location_id))
  return [...new Set(staff.flatMap((s) => s.stock_location_ids ?? []))].filter((id) => !paired.has(id)).sort()
}

/**
 * The program: active and enabled on at least one sales channel (before the launch both are
 * risks, as Go live sets them; after it, not ready), an earn rate for every currency of the
 * store's regions (Medusa ties regions to no sales channel, so every region counts), at least one
 * reward a shopper can take now, and a paired terminal in every store that has staff.
 */
export const checkProgram: ReadinessCheck = async ({ container, now }): Promise<ReadinessLine> => {
  const loyalty: LoyaltyModuleService = container.resolve(LOYALTY_MODULE)
  const terminal: LoyaltyTerminalModuleService = container.resolve(LOYALTY_TERMINAL_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const program = (await loyalty.getOrCreateDefaultProgram()) as Record<string, any>
  const [{ data: linked }, regions, rewards, staff, devices] = await Promise.all([
    query.graph({ entity: "loyalty_program", fields: ["sales_channels.id", "sales_channels.name"], filters: { id: program.id } }),
    container.resolve(Modules.REGION).listRegions({}, { select: ["id", "name", "currency_code"] }),
    loyalty.listLoyaltyRewards({ program_id: program.id }, { select: ["id", "is_active", "starts_at", "ends_at"] }),
    terminal.listStaff(),
    terminal.listDevices(),
  ])
  const channels = (((linked[0] as any)?.sales_channels ?? []) as { id: string; name: string }[]).filter(Boolean)
  const currencies = [...new Set((regions as { currency_code: string }[]).map((r) => r.currency_code.toLowerCase()))].sort()
  const rates = (program.earn_rates ?? {}) as Record<string, unknown>
  const noRate = currencies.filter((c) => !rates[c])
  const available = availableRewards(rewards as Reward[], now)
  const unpaired = storesWithoutTerminal(staff as any, devices as any)
  const live = !!program.went_live_at
  const checked_at = now.toISOString()

  const notReady: string[] = []
  const risks: string[] = []
  const gate = (problem: string) => (live ? notReady : risks).push(problem)
  if (program.status !== "active") gate(`the program is ${program.status}${live ? "" : " (Go live activates it)"}`)
  if (!channels.length) gate(`the program is enabled on no sales channel in particular${live ? "" : " (Go live sets the channels you choose)"}`)
  if (noRate.length) notReady.push(`no earn rate for ${noRate.join(", ")}`)
  if (!available.length) notReady.push("no reward is active")
  if (unpaired.length) notReady.push(`no paired terminal in store(s) with staff: ${unpaired.join(", ")}`)
  const status: ReadinessStatus = notReady.length ? "not_ready" : risks.length ? "ready_with_risks" : "ready"
  return {
    id: "program",
    status,
    summary: notReady.length
      ? `The program is not ready: ${notReady.join("; ")}`
      : risks.length
        ? `The program is set up, but ${risks.join("; ")}`
        : `The program is active on ${channels.length} sales channel(s), earns in ${currencies.join(", ") || "no currency"} and offers ${available.length} reward(s)`,
    evidence: [
      { label: "Program status", value: program.status, checked_at, source: "database" },
      { label: "Sales channels", value: channels.length ? channels.map((c) => c.name || c.id).join(", ") : "none linked", checked_at },
      { label: "Currencies of the store's regions", value: currencies.join(", ") || "none", checked_at },
      { label: "Currencies without an earn rate", value: noRate.length ? noRate.join(", ") : "none", checked_at },
      { label: "Rewards available now", value: available.length, checked_at },
      { label: "Stores with staff but no paired terminal", value: unpaired.length ? unpaired.join(", ") : "none", checked_at },
      { label: "Went live", value: live ? `${new Date(program.went_live_at).toISOString()} by ${program.went_live_by ?? "unknown"}` : "not yet", checked_at },
    ],
    fix_path: "/loyalty/program",
  }
}
