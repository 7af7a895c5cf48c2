import { Button, Container, Heading, Input, Text, toast } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { readinessKeys, recordWalletDeviceCheck } from "../../lib/readiness-api"
import { Field } from "../form-fields"

/**
 * The one check only a person can do: a pass saved on a phone shows the right balance after a
 * purchase. Recording it (who and when, with a note) takes the Wallet line out of "ready with risks".
 */
export const DeviceCheckCard = () => {
  const { t } = useTranslation("rewardflow")
  const queryClient = useQueryClient()
  const [note, setNote] = useState("")
  const record = useMutation({
    mutationFn: () => recordWalletDeviceCheck(note),
    onSuccess: () => {
      toast.success(t("go_live.device_check.recorded"))
      setNote("")
      return queryClient.invalidateQueries({ queryKey: readinessKeys.board })
    },
    onError: (e: Error) => toast.error(e.message),
  })
  return (
    <Container className="divide-y p-0" data-testid="rewardflow-device-check">
      <div className="px-6 py-4">
        <Heading level="h2">{t("go_live.device_check.title")}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {t("go_live.device_check.subtitle")}
        </Text>
      </div>
      <form
        className="flex flex-col gap-y-3 px-6 py-4"
        onSubmit={(e) => {
          e.preventDefault()
          record.mutate()
        }}
      >
        <Field id="rewardflow-device-check-note" label={t("go_live.device_check.note")} hint={t("go_live.device_check.note_hint")}>
          <Input id="rewardflow-device-check-note" value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
        <div className="flex justify-end">
          <Button size="small" type="submit" variant="secondary" isLoading={record.isPending}>
            {t("go_live.device_check.button")}
          </Button>
        </div>
      </form>
    </Container>
  )
}
