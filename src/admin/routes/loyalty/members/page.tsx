import { defineRouteConfig } from "@medusajs/admin-sdk"
import { MembersTable } from "../../../components/members/members-table"

/** Loyalty > Members: every member, searched and filtered; a row opens the member's page. */
const MembersPage = () => (
  <div className="flex flex-col gap-y-3" data-testid="rewardflow-members-page">
    <MembersTable />
  </div>
)

export const config = defineRouteConfig({ label: "menu.members", translationNs: "rewardflow", rank: 4 })

export default MembersPage
