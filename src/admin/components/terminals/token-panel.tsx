import { Button, Copy, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"

/** A device's new token after a rotation, shown once (only this component holds it). */
export const TokenPanel = ({ deviceName, token, onClose }: { deviceName: string; token: string; onClose: () => void }) => {
  const { t } = useTranslation("rewardflow")
  return (
    <div className="flex items-start justify-between gap-x-4 bg-ui-bg-subtle px-6 py-4" data-testid="rewardflow-device-token">
      <div className="flex min-w-0 flex-col gap-y-1">
        <Text size="small" weight="plus">
          {t("terminals.devices.token_title", { name: deviceName })}
        </Text>
        <div className="flex items-center gap-x-2">
          <code className="break-all font-mono text-ui-fg-base" data-testid="rewardflow-device-token-value">
            {token}
          </code>
          <Copy content={token} />
        </div>
        <Text size="xsmall" className="text-ui-fg-muted">
          {t("terminals.devices.token_hint")}
        </Text>
      </div>
      <Button size="small" variant="secondary" onClick={onClose}>
        {t("terminals.pairing.done")}
      </Button>
    </div>
  )
}
