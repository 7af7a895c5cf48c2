import { Button, Label, Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { useTranslation } from "react-i18next"
import type { LayeredSetting } from "../../lib/layered-setting"
import { SettingSourceBadge } from "./source-badge"

/** The id of a setting's input (its label points at it): `<prefix>-setting-<name>`. */
export const settingInputId = (prefix: string, name: string) => `${prefix}-setting-${name}`

// Inline: Tailwind only has the classes the dashboard itself uses when the host app's admin
// build cannot resolve the plugin's sources.
const COLUMNS = { gridTemplateColumns: "minmax(0, 14rem) minmax(0, 1fr) minmax(0, 14rem)" }

type SettingRowProps = {
  /** Test ids and input ids start with it, e.g. "rewardflow-wallet". */
  prefix: string
  name: string
  label: string
  hint?: string
  setting: LayeredSetting
  /** The API's message about this field, shown under the control. */
  error?: string | null
  /** Offered while the value is saved here ("database"): sends null for this field. */
  onReset?: () => void
  resetting?: boolean
  children: ReactNode
}

/**
 * One setting of a layered settings form: label, name and hint; the control with the API's
 * error under it; where the value comes from, and "Reset to env/option" when it was saved here.
 */
export const SettingRow = ({ prefix, name, label, hint, setting, error, onReset, resetting, children }: SettingRowProps) => {
  const { t } = useTranslation("rewardflow")
  return (
    <div className="grid items-start gap-x-4 px-6 py-3" style={COLUMNS} data-testid={`${prefix}-setting-row-${name}`}>
      <div>
        <Label htmlFor={settingInputId(prefix, name)} weight="plus">
          {label}
        </Label>
        <Text size="xsmall" className="text-ui-fg-muted font-mono">
          {name}
        </Text>
        {hint && (
          <Text size="xsmall" className="text-ui-fg-subtle">
            {hint}
          </Text>
        )}
      </div>
      <div className="flex flex-col gap-y-1">
        {children}
        {error && (
          <Text size="small" className="text-ui-fg-error" data-testid={`${prefix}-setting-error-${name}`}>
            {error}
          </Text>
        )}
        {setting.problem && (
          <Text size="small" className="text-ui-fg-error" data-testid={`${prefix}-setting-problem-${name}`}>
            {setting.problem}
          </Text>
        )}
      </div>
      <div className="flex items-center gap-x-2">
        <SettingSourceBadge source={setting.source} testId={`${prefix}-source-${name}`} />
        {onReset && setting.source === "database" && (
          <Button size="small" variant="transparent" isLoading={resetting} onClick={onReset}>
            {t("settings.reset")}
          </Button>
        )}
      </div>
    </div>
  )
}
