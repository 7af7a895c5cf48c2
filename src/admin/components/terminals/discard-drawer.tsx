import { Input, toast } from "@medusajs/ui"
import { useQueryClient } from "@tanstack/react-query"
import { useTranslation } from "react-i18next"
import { discardOfflineAction, terminalKeys, type OfflineAction } from "../../lib/terminals-api"
import { SingleFieldDrawer } from "./single-field-drawer"

/** Discards an offline action waiting for review, with the reason the API requires (kept with the action). */
export const DiscardDrawer = ({ action, onClose }: { action: OfflineAction | null; onClose: () => void }) => {
  const { t } = useTranslation("rewardflow")
  const queryClient = useQueryClient()
  return (
    <SingleFieldDrawer
      subject={action}
      onClose={onClose}
      testId="rewardflow-offline-discard"
      title={t("terminals.offline.discard_title")}
      description={t("terminals.offline.discard_description")}
      field="reason"
      label={t("terminals.offline.discard_reason")}
      submitLabel={t("terminals.offline.discard")}
      danger
      save={(a, reason) => discardOfflineAction(a.id, reason)}
      onSaved={() => {
        toast.success(t("terminals.offline.discarded"))
        queryClient.invalidateQueries({ queryKey: terminalKeys.offline })
      }}
      input={({ id, value, onChange }) => <Input id={id} value={value} onChange={(e) => onChange(e.target.value)} />}
    />
  )
}
