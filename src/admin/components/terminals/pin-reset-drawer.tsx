import { toast } from "@medusajs/ui"
import { useQueryClient } from "@tanstack/react-query"
import { useTranslation } from "react-i18next"
import { resetStaffPin, terminalKeys, type TerminalStaff } from "../../lib/terminals-api"
import { PinInput } from "./pin-input"
import { SingleFieldDrawer } from "./single-field-drawer"

/** Sets a new PIN for a staff member (their open sessions end); a PIN breaking a rule is refused under the field. */
export const PinResetDrawer = ({ staff, onClose }: { staff: TerminalStaff | null; onClose: () => void }) => {
  const { t } = useTranslation("rewardflow")
  const queryClient = useQueryClient()
  return (
    <SingleFieldDrawer
      subject={staff}
      onClose={onClose}
      testId="rewardflow-pin-reset"
      title={t("terminals.staff.pin_reset_title", { name: staff?.name ?? "" })}
      description={t("terminals.staff.pin_reset_description")}
      field="pin"
      label={t("terminals.staff.new_pin")}
      hint={t("terminals.staff.pin_hint")}
      submitLabel={t("terminals.staff.pin_reset")}
      save={(s, pin) => resetStaffPin(s.id, pin)}
      onSaved={(s) => {
        toast.success(t("terminals.staff.pin_reset_done", { name: s.name }))
        queryClient.invalidateQueries({ queryKey: terminalKeys.staff })
      }}
      input={(props) => <PinInput {...props} />}
    />
  )
}
