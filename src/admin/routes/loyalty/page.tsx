import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Gift } from "@medusajs/icons"
import { useQuery } from "@tanstack/react-query"
import { PointsAsMoneyCard } from "../../components/points-as-money-card"
import { RewardsTable } from "../../components/rewards/rewards-table"
import { fetchStoreCurrencies, rewardKeys } from "../../lib/rewards-api"

/** Loyalty: the rewards catalog and the points-as-money setting. */
const LoyaltyPage = () => {
  const currencies = useQuery({ queryKey: rewardKeys.currencies, queryFn: fetchStoreCurrencies })
  // Until the store answers (or if it cannot), amounts are asked in euros.
  const codes = currencies.data ?? ["eur"]
  return (
    <div className="flex flex-col gap-y-3">
      <RewardsTable currencies={codes} />
      <PointsAsMoneyCard currencies={codes} />
    </div>
  )
}

export const config = defineRouteConfig({ label: "menu.loyalty", translationNs: "rewardflow", icon: Gift })

export default LoyaltyPage
