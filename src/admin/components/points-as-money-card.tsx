import { Badge, Button, Container, Heading, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { formatMoney } from "../lib/reward-display"
import { fetchProgram, rewardKeys, savePointsAsMoney, type PointsAsMoney } from "../lib/rewards-api"
import { NumberField, SwitchField } from "./form-fields"
import { MoneyFields } from "./rewards/money-fields"

type Draft = { enabled: boolean; value_per_point: Record<string, string>; max_share_percent: string }

const toDraft = (p: PointsAsMoney | null): Draft => ({
  enabled: p?.enabled ?? false,
  value_per_point: Object.fromEntries(Object.entries(p?.value_per_point ?? {}).map(([c, v]) => [c, String(v)])),
  // 0.5 -> "50"; rounding drops float noise such as 0.07 * 100 = 7.000000000000001.
  max_share_percent: p ? String(Math.round(p.max_cart_share * 10000) / 100) : "",
})

/** What the API gets; nothing configured and switched off is stored as "no setting" (null). */
function toSetting(d: Draft): PointsAsMoney | null {
  const values = Object.entries(d.value_per_point).filter(([, v]) => v.trim() !== "")
  if (!d.enabled && !values.length && d.max_share_percent.trim() === "") return null
  return {
    enabled: d.enabled,
    value_per_point: Object.fromEntries(values.map(([c, v]) => [c, Number(v)])),
    max_cart_share: d.max_share_percent.trim() === "" ? 0 : Number(d.max_share_percent) / 100,
  }
}

/** Program setting: shoppers pay part of a cart with points at a fixed value per point. */
export const PointsAsMoneyCard = ({ currencies }: { currencies: string[] }) => {
  const { t } = useTranslation("rewardflow")
  const queryClient = useQueryClient()
  const program = useQuery({ queryKey: rewardKeys.program, queryFn: fetchProgram })
  const current = program.data?.points_as_money ?? null
  const [draft, setDraft] = useState<Draft>(() => toDraft(null))
  useEffect(() => {
    if (program.data) setDraft(toDraft(program.data.points_as_money))
  }, [program.data])

  const save = useMutation({
    mutationFn: () => savePointsAsMoney(toSetting(draft)),
    onSuccess: (saved) => {
      queryClient.setQueryData(rewardKeys.program, saved)
      toast.success(t("pointsAsMoney.saved"))
    },
  })
  const shown = [...new Set([...currencies, ...Object.keys(draft.value_per_point)])]
  const summary =
    current?.enabled
      ? t("pointsAsMoney.summaryOn", {
          values: Object.entries(current.value_per_point)
            .map(([c, v]) => formatMoney(v, c, 4))
            .join(" / "),
          share: Math.round(current.max_cart_share * 10000) / 100,
        })
      : t("pointsAsMoney.summaryOff")

  return (
    <Container className="divide-y p-0" data-testid="rewardflow-points-as-money">
      <div className="flex items-start justify-between gap-x-4 px-6 py-4">
        <div>
          <Heading level="h2">{t("pointsAsMoney.heading")}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t("pointsAsMoney.subtitle")}
          </Text>
        </div>
        <Badge size="2xsmall" color={current?.enabled ? "green" : "grey"} data-testid="rewardflow-points-as-money-summary">
          {summary}
        </Badge>
      </div>
      {program.isError ? (
        <Text className="px-6 py-4 text-ui-fg-error">{(program.error as Error).message}</Text>
      ) : (
        <form
          className="flex flex-col gap-y-6 px-6 py-4"
          onSubmit={(e) => {
            e.preventDefault()
            save.mutate()
          }}
        >
          <SwitchField
            id="rewardflow-pam-enabled"
            label={t("pointsAsMoney.enabled")}
            hint={t("pointsAsMoney.enabledHint")}
            checked={draft.enabled}
            onChange={(enabled) => setDraft((d) => ({ ...d, enabled }))}
          />
          <MoneyFields
            id="rewardflow-pam-value"
            label={t("pointsAsMoney.valuePerPoint")}
            hint={t("pointsAsMoney.valuePerPointHint")}
            currencies={shown}
            decimals={4}
            value={draft.value_per_point}
            onChange={(value_per_point) => setDraft((d) => ({ ...d, value_per_point }))}
          />
          <div className="max-w-xs">
            <NumberField
              id="rewardflow-pam-share"
              label={t("pointsAsMoney.maxShare")}
              hint={t("pointsAsMoney.maxShareHint")}
              max={100}
              step="any"
              value={draft.max_share_percent}
              onChange={(max_share_percent) => setDraft((d) => ({ ...d, max_share_percent }))}
            />
          </div>
          {save.isError ? (
            <Text size="small" className="text-ui-fg-error" role="alert" data-testid="rewardflow-pam-error">
              {(save.error as Error).message}
            </Text>
          ) : null}
          <div className="flex justify-end">
            <Button size="small" type="submit" isLoading={save.isPending} disabled={!program.data}>
              {t("common.save")}
            </Button>
          </div>
        </form>
      )}
    </Container>
  )
}
