import { Button, Input, Label, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { fetchCurrentUser, sendTemplateTest, type TemplateDraft } from "../../lib/email-api"
import { texts } from "./texts"

const t = texts.editor

/** Sends the template (with the unsaved draft) rendered with sample data to an address. */
export const SendTemplateTest = ({ templateKey, locale, draft }: { templateKey: string; locale: string; draft: TemplateDraft }) => {
  const me = useQuery({ queryKey: ["rewardflow", "me"], queryFn: fetchCurrentUser, retry: false })
  const [to, setTo] = useState<string | null>(null)
  const address = to ?? me.data?.email ?? ""
  const send = useMutation({
    mutationFn: () => sendTemplateTest(templateKey, locale, address, draft),
    onSuccess: (email) => toast.success(t.sendTestDone(email.status, address)),
    onError: (e: Error) => toast.error(e.message),
  })
  return (
    <div className="border-ui-border-base flex flex-col gap-y-2 border-t pt-4">
      <Label htmlFor="rewardflow-email-test-to" weight="plus">
        {t.sendTestTo}
      </Label>
      <div className="flex gap-x-2">
        <Input id="rewardflow-email-test-to" type="email" value={address} onChange={(e) => setTo(e.target.value)} />
        <Button size="small" variant="secondary" disabled={!address} isLoading={send.isPending} onClick={() => send.mutate()}>
          {t.sendTest}
        </Button>
      </div>
      {send.isSuccess && (
        <Text size="small" data-testid="rewardflow-email-test-result">
          {t.sendTestDone(send.data.status, address)}
        </Text>
      )}
      {send.isError && (
        <Text size="small" className="text-ui-fg-error" data-testid="rewardflow-email-test-result">
          {send.error.message}
        </Text>
      )}
    </div>
  )
}
