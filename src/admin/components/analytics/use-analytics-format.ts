import { useTranslation } from "react-i18next"
import { formatAmount, formatCount, formatPeriod, formatRate } from "../../lib/analytics-format"
import type { Translate } from "../../lib/reward-display"

/** The page's translate function and formatters, bound to the admin's language (and periods to the interval shown). */
export function useAnalyticsFormat(interval?: string) {
  const { t: translate, i18n } = useTranslation("rewardflow")
  const t = translate as unknown as Translate
  const locale = i18n.language
  return {
    t,
    locale,
    count: (n: number | null | undefined) => formatCount(n, locale),
    rate: (r: number | null | undefined) => formatRate(r, locale),
    amount: (v: string | number | null | undefined, currency?: string | null, maxDecimals?: number) => formatAmount(v, locale, currency, maxDecimals),
    period: (p: string) => formatPeriod(p, locale, t, interval),
  }
}
