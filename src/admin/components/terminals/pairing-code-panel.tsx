import { Button, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import type { PairingCode } from "../../lib/terminals-api"
import { formatCountdown, useNow } from "./use-now"

/** "ABCD2345" as "ABCD-2345": easier to read out and type (the tablet ignores the dash). */
export const groupedCode = (code: string) => code.replace(/(.{4})(?=.)/g, "$1-")

/**
 * A pairing code just created, shown once (only this component holds it: closing it forgets it),
 * large, with a live countdown to its expiry; once expired it says so.
 */
export const PairingCodePanel = ({ code, onClose }: { code: PairingCode; onClose: () => void }) => {
  const { t } = useTranslation("rewardflow")
  const left = new Date(code.expires_at).getTime() - useNow(true)
  const expired = left <= 0
  return (
    <div className="flex items-center justify-between gap-x-4 bg-ui-bg-subtle px-6 py-4" data-testid="rewardflow-pairing-code">
      <div className="flex flex-col gap-y-1">
        <Text size="small" weight="plus">
          {t("terminals.pairing.title")}
        </Text>
        <span
          className={`font-mono text-ui-fg-base ${expired ? "line-through text-ui-fg-muted" : ""}`}
          style={{ fontSize: "2.25rem", lineHeight: "2.5rem", letterSpacing: "0.15em" }}
          data-testid="rewardflow-pairing-code-value"
        >
          {groupedCode(code.code)}
        </span>
        <Text size="small" className={expired ? "text-ui-fg-error" : "text-ui-fg-subtle"} role="timer" data-testid="rewardflow-pairing-code-countdown">
          {expired ? t("terminals.pairing.expired") : t("terminals.pairing.expires_in", { time: formatCountdown(left) })}
        </Text>
        <Text size="xsmall" className="text-ui-fg-muted">
          {t("terminals.pairing.hint")}
        </Text>
      </div>
      <Button size="small" variant="secondary" onClick={onClose}>
        {t("terminals.pairing.done")}
      </Button>
    </div>
  )
}
