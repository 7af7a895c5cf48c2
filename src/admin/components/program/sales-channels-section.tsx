import { Checkbox, Label, RadioGroup, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { useTranslation } from "react-i18next"
import type { ProgramSettings } from "../../lib/program-api"
import { fetchSalesChannelOptions, programGeneralKeys } from "../../lib/program-general-api"
import { FieldError } from "../form-fields"
import { ProgramSectionCard } from "./program-section-card"
import { useProgramSection } from "./use-program-section"

type Mode = "all" | "some"

/**
 * Where orders earn: every sales channel (the API's empty `sales_channel_ids`, which also takes
 * in channels created later) or only the channels ticked. "Only these" with none ticked would be
 * saved as every channel, so Save waits for a tick.
 */
export const SalesChannelsSection = () => {
  const { t } = useTranslation("rewardflow")
  const section = useProgramSection({
    fields: ["sales_channel_ids"],
    toDraft: (p: ProgramSettings) => ({ mode: (p.sales_channel_ids.length ? "some" : "all") as Mode, ids: p.sales_channel_ids }),
    toBody: (d) => ({ sales_channel_ids: d.mode === "all" ? [] : d.ids }),
  })
  const channels = useQuery({ queryKey: programGeneralKeys.salesChannels, queryFn: fetchSalesChannelOptions })
  const d = section.draft
  const program = section.query.data as ProgramSettings | undefined
  // A channel the program holds is listed even when the list does not have it (by its id then).
  const listed = channels.data ?? []
  const held = (program?.sales_channels ?? [])
    .filter((c) => !listed.some((l) => l.value === c.id))
    .map((c) => ({ value: c.id, label: c.name || c.id }))
  const options = [...listed, ...held]
  const noneTicked = d?.mode === "some" && d.ids.length === 0
  const toggle = (id: string, on: boolean) => section.set({ ids: on ? [...d!.ids, id] : d!.ids.filter((x) => x !== id) })

  return (
    <ProgramSectionCard
      testId="rewardflow-program-channels"
      heading={t("programGeneral.channels.heading")}
      subtitle={t("programGeneral.channels.subtitle")}
      section={{ ...section, dirty: section.dirty && !noneTicked }}
    >
      {d ? (
        <>
          <Text size="small" data-testid="rewardflow-program-channels-current">
            {program && program.sales_channel_ids.length
              ? t("programGeneral.channels.currentSome", {
                  channels: program.sales_channel_ids.map((id) => options.find((o) => o.value === id)?.label ?? id).join(", "),
                })
              : t("programGeneral.channels.currentAll")}
          </Text>
          <RadioGroup value={d.mode} onValueChange={(mode) => section.set({ mode: mode as Mode })} className="grid grid-cols-2 gap-3">
            <RadioGroup.ChoiceBox value="all" label={t("programGeneral.channels.all")} description={t("programGeneral.channels.allHint")} />
            <RadioGroup.ChoiceBox value="some" label={t("programGeneral.channels.some")} description={t("programGeneral.channels.someHint")} />
          </RadioGroup>
          {d.mode === "some" ? (
            channels.isError ? (
              <Text size="small" className="text-ui-fg-error" role="alert">
                {(channels.error as Error).message}
              </Text>
            ) : channels.isLoading ? (
              <Text size="small" className="text-ui-fg-subtle">
                {t("program.loading")}
              </Text>
            ) : !options.length ? (
              <Text size="small" className="text-ui-fg-subtle">
                {t("programGeneral.channels.empty")}
              </Text>
            ) : (
              <div className="flex flex-col gap-y-2" data-testid="rewardflow-program-channel-list">
                {options.map((c) => (
                  <div key={c.value} className="flex items-center gap-x-2">
                    <Checkbox id={`rewardflow-program-channel-${c.value}`} checked={d.ids.includes(c.value)} onCheckedChange={(on) => toggle(c.value, on === true)} />
                    <Label htmlFor={`rewardflow-program-channel-${c.value}`}>{c.label}</Label>
                  </div>
                ))}
              </div>
            )
          ) : null}
          {noneTicked ? (
            <Text size="small" className="text-ui-fg-subtle" data-testid="rewardflow-program-channels-none">
              {t("programGeneral.channels.noneTicked")}
            </Text>
          ) : null}
          <FieldError id="rewardflow-program-channels" error={section.errorFor("sales_channel_ids")} />
        </>
      ) : null}
    </ProgramSectionCard>
  )
}
