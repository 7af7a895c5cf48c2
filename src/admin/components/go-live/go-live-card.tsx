import { Button, Checkbox, Container, Heading, Label, Text, toast, usePrompt } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { fetchSalesChannelOptions } from "../../lib/analytics-api"
import { goLive, readinessKeys, type Readiness } from "../../lib/readiness-api"

/**
 * "Go live": one confirmed action that cleans up the test data, sets the program active on the
 * chosen sales channels and records who did it and when. Off while a line is not ready (the
 * server refuses it too, 409, naming the lines: that message is shown as it comes).
 */
export const GoLiveCard = ({ readiness }: { readiness: Readiness }) => {
  const { t } = useTranslation("rewardflow")
  const queryClient = useQueryClient()
  const prompt = usePrompt()
  const channels = useQuery({ queryKey: readinessKeys.salesChannels, queryFn: fetchSalesChannelOptions })
  const [chosen, setChosen] = useState<string[]>([])
  const launch = useMutation({
    mutationFn: () => goLive(chosen),
    onSuccess: () => {
      toast.success(t("go_live.launch.done"))
      return queryClient.invalidateQueries({ queryKey: readinessKeys.all })
    },
  })
  const blocking = readiness.lines.filter((l) => l.status === "not_ready")
  const toggle = (id: string, on: boolean) => setChosen((ids) => (on ? [...ids, id] : ids.filter((x) => x !== id)))

  const confirm = async () => {
    const names = (channels.data ?? []).filter((c) => chosen.includes(c.value)).map((c) => c.label)
    const confirmed = await prompt({
      variant: "confirmation",
      title: t("go_live.launch.confirm_title"),
      description: t("go_live.launch.confirm_description", { channels: names.join(", ") }),
      confirmText: t("go_live.launch.confirm"),
      cancelText: t("common.cancel"),
    })
    if (confirmed) launch.mutate()
  }

  return (
    <Container className="divide-y p-0" data-testid="rewardflow-go-live">
      <div className="px-6 py-4">
        <Heading level="h2">{t("go_live.launch.title")}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {t("go_live.launch.subtitle")}
        </Text>
      </div>
      <div className="flex flex-col gap-y-3 px-6 py-4">
        <Text size="small" weight="plus">
          {t("go_live.launch.channels")}
        </Text>
        {channels.isError ? (
          <Text size="small" className="text-ui-fg-error" role="alert">
            {(channels.error as Error).message}
          </Text>
        ) : (
          <div className="flex flex-col gap-y-2">
            {(channels.data ?? []).map((c) => (
              <div key={c.value} className="flex items-center gap-x-2">
                <Checkbox
                  id={`rewardflow-go-live-channel-${c.value}`}
                  checked={chosen.includes(c.value)}
                  onCheckedChange={(on) => toggle(c.value, on === true)}
                />
                <Label htmlFor={`rewardflow-go-live-channel-${c.value}`}>{c.label}</Label>
              </div>
            ))}
          </div>
        )}
        {blocking.length ? (
          <Text size="small" className="text-ui-fg-subtle" data-testid="rewardflow-go-live-blocked">
            {t("go_live.launch.blocked", {
              lines: blocking.map((l) => t(`go_live.lines.${l.id}`, { defaultValue: l.id })).join(", "),
            })}
          </Text>
        ) : null}
        {launch.isError ? (
          <Text size="small" className="text-ui-fg-error" role="alert" data-testid="rewardflow-go-live-error">
            {launch.error.message}
          </Text>
        ) : null}
        <div className="flex justify-end">
          <Button size="small" disabled={blocking.length > 0 || chosen.length === 0} isLoading={launch.isPending} onClick={confirm}>
            {t("go_live.launch.button")}
          </Button>
        </div>
      </div>
    </Container>
  )
}
