import { localizedText } from "../../modules/loyalty/lib/localized-text"
import type { AdminRedemption, RedemptionStatus } from "./loyalty-api"
import { formatMoney, type Translate } from "./reward-display"

/** "+25" / "-100", grouped the admin language's way. */
export const formatSignedPoints = (points: number, locale?: string) =>
  `${points > 0 ? "+" : ""}${points.toLocaleString(locale)}`

export const formatDate = (iso: string, locale?: string) => new Date(iso).toLocaleDateString(locale)

export const formatDateTime = (iso: string, locale?: string) =>
  new Date(iso).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" })

/** "144 points" in the admin's language. */
export const pointsText = (t: Translate, points: number, locale?: string) =>
  t("rewards.points", { count: points, formatted: points.toLocaleString(locale) })

/** The reward's name in the admin's language (lb falls back to de, then en); points as money says so. */
export function redemptionTitle(t: Translate, redemption: AdminRedemption, locale: string): string {
  if (redemption.kind === "points") {
    const amount = redemption.discount_amount == null ? "–" : formatMoney(Number(redemption.discount_amount), redemption.currency_code)
    return t("redemption.pointsAsMoney", { amount })
  }
  return redemption.reward ? localizedText(redemption.reward.name, locale) : t("redemption.deletedReward")
}

export const REDEMPTION_STATUS_COLORS: Record<RedemptionStatus, "orange" | "blue" | "green" | "grey" | "purple"> = {
  pending: "orange",
  reserved: "blue",
  redeemed: "green",
  released: "grey",
  refunded: "purple",
}
