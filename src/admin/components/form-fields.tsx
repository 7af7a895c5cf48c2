import { Input, Label, Switch, Text } from "@medusajs/ui"
import type { ReactNode } from "react"

const Hint = ({ children }: { children?: ReactNode }) =>
  children ? (
    <Text size="small" className="text-ui-fg-subtle">
      {children}
    </Text>
  ) : null

/** The API's message about a field, under its control (test id `<id>-error`). */
export const FieldError = ({ id, error }: { id: string; error?: string | null }) =>
  error ? (
    <Text size="small" className="text-ui-fg-error" role="alert" data-testid={`${id}-error`}>
      {error}
    </Text>
  ) : null

/** A labelled control with an optional hint below it, and the API's message about it when there is one. */
export const Field = ({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string | null; children: ReactNode }) => (
  <div className="flex flex-col gap-y-2">
    <Label htmlFor={id}>{label}</Label>
    {children}
    <FieldError id={id} error={error} />
    <Hint>{hint}</Hint>
  </div>
)

/** A number typed as text ("" when empty), so that an empty field stays empty. */
export const NumberField = ({
  id,
  label,
  hint,
  value,
  onChange,
  min = 1,
  max,
  step = 1,
  error,
}: {
  id: string
  label: string
  hint?: string
  error?: string | null
  value: string
  onChange: (value: string) => void
  min?: number
  max?: number
  step?: number | "any"
}) => (
  <Field id={id} label={label} hint={hint} error={error}>
    <Input id={id} type="number" min={min} max={max} step={step} value={value} onChange={(e) => onChange(e.target.value)} />
  </Field>
)

/** A switch with its label and hint beside it. */
export const SwitchField = ({
  id,
  label,
  hint,
  checked,
  onChange,
}: {
  id: string
  label: string
  hint?: string
  checked: boolean
  onChange: (checked: boolean) => void
}) => (
  <div className="flex items-start gap-x-3">
    <Switch id={id} checked={checked} onCheckedChange={onChange} />
    <div className="flex flex-col">
      <Label htmlFor={id}>{label}</Label>
      <Hint>{hint}</Hint>
    </div>
  </div>
)
