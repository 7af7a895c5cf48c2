import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import path from "node:path"
import { LOYALTY_MODULE } from ".."
import type LoyaltyModuleService from "../service"

jest.setTimeout(60_000)

moduleIntegrationTestRunner<LoyaltyModuleService>({
  moduleName: LOYALTY_MODULE,
  resolve: path.join(__dirname, ".."),
  pathToMigrations: path.join(__dirname, "..", "migrations"),
  testSuite: ({ service }) => {
    it("smoke: enroll, credit, debit, reverse", async () => {
      const program = await service.getOrCreateDefaultProgram()
      const { account_id } = await service.enroll({ program_id: program.id, customer_id: "cus_1" })
      await service.creditPoints({ account_id, type: "earn", points: 100, source_type: "order", source_id: "o1", idempotency_key: "earn:o1" })
      const d = await service.debitPoints({ account_id, type: "adjust", points: 30, source_type: "admin", idempotency_key: "adj:1" })
      expect(d.balance).toBe(70)
      const r = await service.reverseEntry({ entry_id: d.entry.id, idempotency_key: "rev:1", source_type: "admin" })
      expect(r!.balance).toBe(100)
      const report = await service.rebuildBalances()
      expect(report.drift).toEqual([])
    })
  },
})
