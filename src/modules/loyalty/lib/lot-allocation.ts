import type { LotAllocation } from "../types"

export type OpenLot = { id: string; remaining: number }

/**
 * Takes `points` from `lots` in the order given (callers sort oldest expiry first).
 * Returns the allocations and what could not be covered.
 */
export function allocateFromLots(
  lots: OpenLot[],
  points: number
): { allocations: LotAllocation[]; uncovered: number } {
  const allocations: LotAllocation[] = []
  let left = points
  for (const lot of lots) {
    if (left <= 0) break
    const take = Math.min(lot.remaining, left)
    if (take > 0) {
      allocations.push({ lot_id: lot.id, points: take })
      left -= take
    }
  }
  return { allocations, uncovered: left }
}
