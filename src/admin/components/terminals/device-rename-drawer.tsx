import { Input, toast } from "@medusajs/ui"
import { useQueryClient } from "@tanstack/react-query"
import { useTranslation } from "react-i18next"
import { renameDevice, terminalKeys, type TerminalDevice } from "../../lib/terminals-api"
import { SingleFieldDrawer } from "./single-field-drawer"

/** Renames a paired device; the API's message about the name is shown under it. */
export const DeviceRenameDrawer = ({ device, onClose }: { device: TerminalDevice | null; onClose: () => void }) => {
  const { t } = useTranslation("rewardflow")
  const queryClient = useQueryClient()
  return (
    <SingleFieldDrawer
      subject={device}
      onClose={onClose}
      testId="rewardflow-device-rename"
      title={t("terminals.devices.rename_title")}
      field="name"
      label={t("terminals.devices.name")}
      initial={(d) => d.name}
      submitLabel={t("common.save")}
      save={(d, name) => renameDevice(d.id, name)}
      onSaved={(_, name) => {
        toast.success(t("terminals.devices.renamed", { name: name.trim() }))
        queryClient.invalidateQueries({ queryKey: terminalKeys.devices })
      }}
      input={({ id, value, onChange }) => <Input id={id} value={value} onChange={(e) => onChange(e.target.value)} />}
    />
  )
}
