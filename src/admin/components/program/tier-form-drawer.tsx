import { Button, Drawer, Input, Text, toast } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { localizedText } from "../../../modules/loyalty/lib/localized-text"
import { createTier, numberOrText, programKeys, TIER_LOCALES, updateTier, type Tier, type TierBody } from "../../lib/program-api"
import type { RewardLocale } from "../../lib/rewards-api"
import { Field, FieldError, NumberField } from "../form-fields"
import { LocalizedTextTabs } from "../rewards/localized-text-tabs"
import { fieldOfError, messageUnderField } from "../settings/api-error"

type Texts = Record<RewardLocale, string>
type TierForm = { name: Texts; perks: Texts; threshold: string; multiplier: string; color: string }

const FIELDS = ["name", "perks", "threshold", "multiplier", "color"] as const
const texts = (from?: Partial<Texts> | null): Texts => Object.fromEntries(TIER_LOCALES.map((l) => [l, from?.[l] ?? ""])) as Texts
/** Only the locales given; the API requires English and reports it under the name. */
const given = (t: Texts) => Object.fromEntries(Object.entries(t).filter(([, v]) => v.trim() !== "")) as TierBody["name"]

const toForm = (tier?: Tier | null): TierForm => ({
  name: texts(tier?.name),
  perks: texts(tier?.perks),
  threshold: tier ? String(tier.threshold) : "",
  multiplier: tier ? String(tier.multiplier) : "1",
  color: tier?.color ?? "",
})

function toBody(form: TierForm): TierBody {
  const perks = given(form.perks)
  return {
    name: given(form.name),
    perks: Object.keys(perks).length ? perks : null,
    threshold: numberOrText(form.threshold),
    multiplier: numberOrText(form.multiplier),
    color: form.color.trim() === "" ? null : form.color.trim(),
  }
}

/** The colour as a small square (beside its #RRGGBB, so hidden from screen readers); a colour not written #RRGGBB shows nothing. */
export const ColorSwatch = ({ color }: { color: string | null }) =>
  color && /^#[0-9a-fA-F]{6}$/.test(color) ? (
    <span
      aria-hidden
      data-testid="rewardflow-tier-swatch"
      className="inline-block rounded-sm border border-ui-border-base"
      style={{ width: 16, height: 16, backgroundColor: color }}
    />
  ) : null

/**
 * Create or edit a tier in a drawer: name and perks per language, threshold, multiplier, colour.
 * The API's message about a field is shown under it; any other above the buttons.
 */
export const TierFormDrawer = ({ open, onOpenChange, tier }: { open: boolean; onOpenChange: (open: boolean) => void; tier?: Tier | null }) => {
  const { t, i18n } = useTranslation("rewardflow")
  const queryClient = useQueryClient()
  const [form, setForm] = useState<TierForm>(toForm)
  const save = useMutation({
    mutationFn: () => (tier ? updateTier(tier.id, toBody(form)) : createTier(toBody(form))),
    onSuccess: (saved) => {
      queryClient.invalidateQueries({ queryKey: programKeys.tiers })
      toast.success(t(tier ? "program.tiers.toast.updated" : "program.tiers.toast.created", { name: localizedText(saved.name, i18n.language) }))
      onOpenChange(false)
    },
  })
  const set = (patch: Partial<TierForm>) => {
    save.reset()
    setForm((f) => ({ ...f, ...patch }))
  }

  useEffect(() => {
    if (!open) return
    setForm(toForm(tier))
    save.reset()
    // A new form each time the drawer opens, for the tier it opens with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, tier?.id])

  const errorField = fieldOfError(save.error, FIELDS)
  const errorFor = (field: (typeof FIELDS)[number]) => (errorField === field ? messageUnderField(save.error) : null)

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content data-testid="rewardflow-tier-form">
        <Drawer.Header>
          <Drawer.Title>{t(tier ? "program.tiers.form.editTitle" : "program.tiers.form.createTitle")}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-6 overflow-y-auto">
          <form
            id="rewardflow-tier-form"
            className="flex flex-col gap-y-6"
            noValidate
            onSubmit={(e) => {
              e.preventDefault()
              save.mutate()
            }}
          >
            <div className="flex flex-col gap-y-2">
              <LocalizedTextTabs
                idPrefix="rewardflow-tier"
                name={form.name}
                description={form.perks}
                labels={{ name: t("program.tiers.form.name"), description: t("program.tiers.form.perks"), hint: t("program.tiers.form.nameHint") }}
                onChange={({ name, description }) => set({ name, perks: description })}
              />
              <FieldError id="rewardflow-tier-name" error={errorFor("name") ?? errorFor("perks")} />
            </div>
            <NumberField
              id="rewardflow-tier-threshold"
              label={t("program.tiers.form.threshold")}
              hint={t("program.tiers.form.thresholdHint")}
              min={0}
              value={form.threshold}
              error={errorFor("threshold")}
              onChange={(threshold) => set({ threshold })}
            />
            <NumberField
              id="rewardflow-tier-multiplier"
              label={t("program.tiers.form.multiplier")}
              hint={t("program.tiers.form.multiplierHint")}
              step={0.01}
              value={form.multiplier}
              error={errorFor("multiplier")}
              onChange={(multiplier) => set({ multiplier })}
            />
            <Field id="rewardflow-tier-color" label={t("program.tiers.form.color")} hint={t("program.tiers.form.colorHint")} error={errorFor("color")}>
              <div className="flex items-center gap-x-2">
                <Input id="rewardflow-tier-color" placeholder="#C9A227" value={form.color} onChange={(e) => set({ color: e.target.value })} />
                <ColorSwatch color={form.color.trim()} />
              </div>
            </Field>
            {save.isError && !errorField ? (
              <Text size="small" className="text-ui-fg-error" role="alert" data-testid="rewardflow-tier-form-error">
                {(save.error as Error).message}
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
          <Button size="small" type="submit" form="rewardflow-tier-form" isLoading={save.isPending}>
            {t("common.save")}
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
