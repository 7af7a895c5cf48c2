import { Button, Drawer, Text } from "@medusajs/ui"
import { useMutation } from "@tanstack/react-query"
import { useEffect, useState, type ReactNode } from "react"
import { useTranslation } from "react-i18next"
import { Field } from "../form-fields"
import { fieldOfError, messageUnderField } from "../settings/api-error"

/**
 * A drawer that asks for one value about `subject` (a device's name, a new PIN, the reason for a
 * discard) and saves it: the API's message about `field` is shown under it, any other above the
 * buttons. Open while `subject` is set; a fresh value each time it opens.
 */
export function SingleFieldDrawer<Subject extends { id: string }>({
  subject,
  onClose,
  testId,
  title,
  description,
  field,
  label,
  hint,
  initial,
  submitLabel,
  danger,
  save,
  onSaved,
  input,
}: {
  subject: Subject | null
  onClose: () => void
  testId: string
  title: string
  description?: string
  /** The body field the API names in its message ("name", "pin", "reason"). */
  field: string
  label: string
  hint?: string
  initial?: (subject: Subject) => string
  submitLabel: string
  danger?: boolean
  save: (subject: Subject, value: string) => Promise<unknown>
  onSaved: (subject: Subject, value: string) => void
  input: (props: { id: string; value: string; onChange: (value: string) => void }) => ReactNode
}) {
  const { t } = useTranslation("rewardflow")
  const [value, setValue] = useState("")
  const mutation = useMutation({
    mutationFn: () => save(subject!, value),
    onSuccess: () => {
      onSaved(subject!, value)
      onClose()
    },
  })
  useEffect(() => {
    setValue(subject && initial ? initial(subject) : "")
    mutation.reset()
    // A fresh form for each subject the drawer opens with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [subject?.id])
  const id = `${testId}-${field}`
  const onField = fieldOfError(mutation.error, [field]) === field
  return (
    <Drawer open={!!subject} onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content data-testid={testId}>
        <Drawer.Header>
          <Drawer.Title>{title}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4">
          {description ? (
            <Text size="small" className="text-ui-fg-subtle">
              {description}
            </Text>
          ) : null}
          <form
            id={`${testId}-form`}
            className="flex flex-col gap-y-4"
            noValidate
            onSubmit={(e) => {
              e.preventDefault()
              mutation.mutate()
            }}
          >
            <Field id={id} label={label} hint={hint} error={onField ? messageUnderField(mutation.error) : null}>
              {input({
                id,
                value,
                onChange: (v) => {
                  mutation.reset()
                  setValue(v)
                },
              })}
            </Field>
            {mutation.isError && !onField ? (
              <Text size="small" className="text-ui-fg-error" role="alert">
                {(mutation.error as Error).message}
              </Text>
            ) : null}
          </form>
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button size="small" variant="secondary">
              {t("common.cancel")}
            </Button>
          </Drawer.Close>
          <Button size="small" variant={danger ? "danger" : "primary"} type="submit" form={`${testId}-form`} isLoading={mutation.isPending}>
            {submitLabel}
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
