import { allocateFromLots } from "../lib/lot-allocation"

describe("allocateFromLots", () => {
  const lots = [
    { id: "a", remaining: 30 },
    { id: "b", remaining: 50 },
    { id: "c", remaining: 20 },
  ]

  it("takes from lots in the given order, splitting the last one", () => {
    expect(allocateFromLots(lots, 60)).toEqual({
      allocations: [
        { lot_id: "a", points: 30 },
        { lot_id: "b", points: 30 },
      ],
      uncovered: 0,
    })
  })

  it("stops at an exact lot boundary without touching the next lot", () => {
    expect(allocateFromLots(lots, 30)).toEqual({ allocations: [{ lot_id: "a", points: 30 }], uncovered: 0 })
    expect(allocateFromLots(lots, 100).allocations.map((a) => a.points)).toEqual([30, 50, 20])
    expect(allocateFromLots(lots, 100).uncovered).toBe(0)
  })

  it("reports what the lots could not cover", () => {
    expect(allocateFromLots(lots, 130)).toEqual({
      allocations: [
        { lot_id: "a", points: 30 },
        { lot_id: "b", points: 50 },
        { lot_id: "c", points: 20 },
      ],
      uncovered: 30,
    })
    expect(allocateFromLots([], 5)).toEqual({ allocations: [], uncovered: 5 })
  })

  it("skips empty lots and allocates nothing for zero points", () => {
    expect(allocateFromLots([{ id: "x", remaining: 0 }, { id: "y", remaining: 5 }], 3)).toEqual({
      allocations: [{ lot_id: "y", points: 3 }],
      uncovered: 0,
    })
    expect(allocateFromLots(lots, 0)).toEqual({ allocations: [], uncovered: 0 })
  })

  it("does not mutate the lots it is given", () => {
    const copy = lots.map((l) => ({ ...l }))
    allocateFromLots(copy, 70)
    expect(copy).toEqual(lots)
  })
})
