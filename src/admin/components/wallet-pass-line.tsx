import { Badge, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import type { WalletPassState } from "../lib/loyalty-api"
import { formatDateTime } from "../lib/loyalty-display"

/** One line on the customer's card: is the Google Wallet pass issued, and is it up to date. */
export const WalletPassLine = ({ pass }: { pass: WalletPassState | undefined }) => {
  const { t, i18n } = useTranslation("rewardflow")
  const state = !pass || !pass.issued ? "notIssued" : pass.out_of_date ? "outOfDate" : "upToDate"
  const color = state === "upToDate" ? "green" : state === "outOfDate" ? "orange" : "grey"
  return (
    <div className="flex flex-col gap-y-1 px-6 py-4" data-testid="rewardflow-wallet-pass">
      <div className="flex items-center justify-between">
        <Text size="small" weight="plus">{t("wallet.label")}</Text>
        <Badge size="2xsmall" color={color} data-testid="rewardflow-wallet-state">
          {t(state === "notIssued" ? "wallet.notIssued" : state === "outOfDate" ? "wallet.outOfDate" : "wallet.upToDate")}
        </Badge>
      </div>
      {pass?.issued && pass.last_synced_at ? (
        <Text size="small" className="text-ui-fg-subtle">
          {t("wallet.lastSynced", { date: formatDateTime(pass.last_synced_at, i18n.language) })}
        </Text>
      ) : null}
      {pass?.issued && pass.out_of_date ? (
        <>
          {pass.last_error ? (
            <Text size="small" className="text-ui-fg-error" data-testid="rewardflow-wallet-error">
              {pass.last_error}
            </Text>
          ) : null}
          <Text size="small" className="text-ui-fg-subtle">
            {[
              pass.next_attempt_at ? t("wallet.nextAttempt", { date: formatDateTime(pass.next_attempt_at, i18n.language) }) : null,
              t("wallet.attempts", { count: pass.attempts }),
            ]
              .filter(Boolean)
              .join(" · ")}
          </Text>
        </>
      ) : null}
    </div>
  )
}
