import { MedusaError } from "@medusajs/framework/utils"
import { LedgerKernel } from "../lib/ledger/kernel"

describe("LedgerKernel.busyError", () => {
  it("turns PostgreSQL's lock timeout (55P03) into a CONFLICT saying the account is busy", () => {
    const timeout = Object.assign(new Error("canceling statement due to lock timeout"), { code: "55P03" })
    const mapped = LedgerKernel.busyError(timeout, "lacct_1") as MedusaError
    expect(mapped).toBeInstanceOf(MedusaError)
    expect(mapped.type).toBe(MedusaError.Types.CONFLICT)
    expect(mapped.message).toBe("Loyalty account lacct_1 is busy with another change of its points: try again in a moment")
  })

  it("leaves every other error as it is", () => {
    const unique = Object.assign(new Error("duplicate key"), { code: "23505" })
    expect(LedgerKernel.busyError(unique, "lacct_1")).toBe(unique)
    expect(LedgerKernel.busyError(undefined, "lacct_1")).toBeUndefined()
  })
})
