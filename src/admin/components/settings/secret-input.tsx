import { Badge, Input, Textarea } from "@medusajs/ui"
import { useTranslation } from "react-i18next"

type SecretInputProps = {
  id: string
  /** Test id of the set / not set badge. */
  testId: string
  isSet: boolean
  value: string
  onChange: (value: string) => void
  /** A textarea (a pasted key file) instead of a password input. */
  multiline?: boolean
  placeholder?: string
  disabled?: boolean
}

/**
 * A secret: only whether it is set (the API never returns it), and an empty input to type or
 * paste a new value that replaces it.
 */
export const SecretInput = ({ id, testId, isSet, value, onChange, multiline, placeholder, disabled }: SecretInputProps) => {
  const { t } = useTranslation("rewardflow")
  const hint = placeholder ?? t("settings.secretPlaceholder")
  return (
    <div className={multiline ? "flex flex-col items-start gap-y-2" : "flex items-center gap-x-2"}>
      <Badge size="2xsmall" color={isSet ? "green" : "grey"} data-testid={testId}>
        {isSet ? t("settings.secretSet") : t("settings.secretNotSet")}
      </Badge>
      {multiline ? (
        <Textarea
          id={id}
          rows={value ? 8 : 3}
          className="w-full font-mono text-xs"
          autoComplete="off"
          spellCheck={false}
          placeholder={hint}
          disabled={disabled}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <Input
          id={id}
          type="password"
          autoComplete="new-password"
          placeholder={hint}
          disabled={disabled}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </div>
  )
}
