import { Button } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import type { SettingsForm } from "./use-settings-form"

/** Discard / Save for a layered settings form; both off while nothing was changed. */
export const SettingsFormActions = ({ form }: { form: Pick<SettingsForm, "dirty" | "save" | "discard"> }) => {
  const { t } = useTranslation("rewardflow")
  return (
    <div className="flex justify-end gap-x-2 px-6 py-4">
      <Button size="small" variant="secondary" disabled={!form.dirty || form.save.isPending} onClick={form.discard}>
        {t("settings.discard")}
      </Button>
      <Button size="small" disabled={!form.dirty} isLoading={form.save.isPending} onClick={() => form.save.mutate()}>
        {t("common.save")}
      </Button>
    </div>
  )
}
