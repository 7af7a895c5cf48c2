import { Badge } from "@medusajs/ui"
import { useTranslation } from "react-i18next"

/** "Active" / "Blocked" in the admin's language: the account's status as a word, never the raw value. */
export const MemberStatusBadge = ({ status }: { status: "active" | "blocked" }) => {
  const { t } = useTranslation("rewardflow")
  return (
    <Badge size="2xsmall" color={status === "active" ? "green" : "red"} data-testid="rewardflow-member-status">
      {t(status === "active" ? "members.status.active" : "members.status.blocked")}
    </Badge>
  )
}
