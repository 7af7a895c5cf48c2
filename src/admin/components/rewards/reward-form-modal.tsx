import { Button, DatePicker, FocusModal, Heading, Select, Text, toast } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useEffect, useRef, useState } from "react"
import { useTranslation } from "react-i18next"
import { emptyRewardForm, formToBody, rewardToForm, type RewardFormState } from "../../lib/reward-form-state"
import { createReward, REWARD_TYPES, rewardKeys, updateReward, type Reward, type VariantChoice } from "../../lib/rewards-api"
import { Field, NumberField, SwitchField } from "../form-fields"
import { LocalizedTextTabs } from "./localized-text-tabs"
import { MoneyFields } from "./money-fields"
import { VariantPicker } from "./variant-picker"

/** The store's currencies plus any the reward already has amounts in. */
const currenciesOf = (store: string[], ...money: Record<string, string>[]) =>
  [...new Set([...store, ...money.flatMap((m) => Object.keys(m))])]

/**
 * Create or edit a reward in a focus modal. Only the chosen type's fields are shown and sent;
 * what the API refuses is shown above the form with the API's own message.
 */
export const RewardFormModal = ({
  open,
  onOpenChange,
  reward,
  variant,
  currencies,
}: {
  open: boolean
  onOpenChange: (open: boolean) => void
  /** The reward to edit; none to create one. */
  reward?: Reward | null
  variant?: VariantChoice | null
  currencies: string[]
}) => {
  const { t } = useTranslation("rewardflow")
  const queryClient = useQueryClient()
  const [form, setForm] = useState<RewardFormState>(emptyRewardForm)
  const set = (patch: Partial<RewardFormState>) => setForm((f) => ({ ...f, ...patch }))

  const save = useMutation({
    mutationFn: () => (reward ? updateReward(reward.id, formToBody(form)) : createReward(formToBody(form))),
    onSuccess: (saved) => {
      queryClient.invalidateQueries({ queryKey: rewardKeys.all })
      toast.success(t(reward ? "rewards.toast.updated" : "rewards.toast.created", { name: saved.name.en }))
      onOpenChange(false)
    },
  })

  // The message sits above the form: bring it into view when the API refuses.
  const errorRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (save.isError) errorRef.current?.scrollIntoView({ block: "nearest" })
  }, [save.isError, save.error])

  useEffect(() => {
    if (!open) return
    setForm(reward ? rewardToForm(reward, variant ?? null) : emptyRewardForm())
    save.reset()
    // A new form each time the modal opens, for the reward it opens with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, reward?.id])

  const shown = currenciesOf(currencies, form.amounts, form.max_discount, form.min_subtotal)
  const title = t(reward ? "form.editTitle" : "form.createTitle")

  return (
    <FocusModal open={open} onOpenChange={onOpenChange}>
      <FocusModal.Content data-testid="rewardflow-reward-form">
        <FocusModal.Header />
        <FocusModal.Body className="flex flex-1 flex-col items-center overflow-y-auto py-12">
          <form
            id="rewardflow-reward-form"
            className="flex w-full max-w-[720px] flex-col gap-y-8 px-6"
            onSubmit={(e) => {
              e.preventDefault()
              save.mutate()
            }}
          >
            <div className="flex flex-col gap-y-1">
              <FocusModal.Title asChild>
                <Heading level="h1">{title}</Heading>
              </FocusModal.Title>
              <FocusModal.Description asChild>
                <Text size="small" className="text-ui-fg-subtle">
                  {t("rewards.subtitle")}
                </Text>
              </FocusModal.Description>
            </div>
            {save.isError ? (
              <div ref={errorRef} className="rounded-md border border-ui-border-error bg-ui-bg-subtle px-4 py-3" role="alert">
                <Text size="small" className="text-ui-fg-error" data-testid="rewardflow-reward-error">
                  {(save.error as Error).message}
                </Text>
              </div>
            ) : null}

            <LocalizedTextTabs name={form.name} description={form.description} onChange={set} />

            <div className="grid grid-cols-2 gap-4">
              <NumberField
                id="rewardflow-reward-points"
                label={t("form.pointsCost")}
                value={form.points_cost}
                onChange={(points_cost) => set({ points_cost })}
              />
              <Field id="rewardflow-reward-type" label={t("form.type")}>
                <Select value={form.type} onValueChange={(type) => set({ type: type as RewardFormState["type"] })}>
                  <Select.Trigger id="rewardflow-reward-type">
                    <Select.Value />
                  </Select.Trigger>
                  <Select.Content>
                    {REWARD_TYPES.map((type) => (
                      <Select.Item key={type} value={type}>
                        {t(`rewards.types.${type}`)}
                      </Select.Item>
                    ))}
                  </Select.Content>
                </Select>
              </Field>
            </div>

            {form.type === "fixed_amount" ? (
              <MoneyFields
                id="rewardflow-reward-amounts"
                label={t("form.amounts")}
                hint={t("form.amountsHint")}
                currencies={shown}
                value={form.amounts}
                onChange={(amounts) => set({ amounts })}
              />
            ) : null}
            {form.type === "percentage" ? (
              <div className="flex flex-col gap-y-4">
                <NumberField
                  id="rewardflow-reward-percentage"
                  label={t("form.percentage")}
                  hint={t("form.percentageHint")}
                  max={100}
                  value={form.percentage}
                  onChange={(percentage) => set({ percentage })}
                />
                <MoneyFields
                  id="rewardflow-reward-max-discount"
                  label={t("form.maxDiscount")}
                  hint={t("form.maxDiscountHint")}
                  currencies={shown}
                  value={form.max_discount}
                  onChange={(max_discount) => set({ max_discount })}
                />
              </div>
            ) : null}
            {form.type === "free_product" ? (
              <VariantPicker value={form.variant} onChange={(variant) => set({ variant })} />
            ) : null}

            <div className="flex flex-col gap-y-4">
              <Heading level="h3">{t("form.conditions")}</Heading>
              <MoneyFields
                id="rewardflow-reward-min-subtotal"
                label={t("form.minSubtotal")}
                hint={t("form.minSubtotalHint")}
                currencies={shown}
                value={form.min_subtotal}
                onChange={(min_subtotal) => set({ min_subtotal })}
              />
              <div className="grid grid-cols-2 gap-4">
                <Field id="rewardflow-reward-starts-at" label={t("form.startsAt")}>
                  <DatePicker
                    id="rewardflow-reward-starts-at"
                    granularity="minute"
                    modal
                    value={form.starts_at}
                    onChange={(starts_at) => set({ starts_at })}
                  />
                </Field>
                <Field id="rewardflow-reward-ends-at" label={t("form.endsAt")}>
                  <DatePicker
                    id="rewardflow-reward-ends-at"
                    granularity="minute"
                    modal
                    value={form.ends_at}
                    onChange={(ends_at) => set({ ends_at })}
                  />
                </Field>
              </div>
              <NumberField
                id="rewardflow-reward-limit"
                label={t("form.perCustomerLimit")}
                hint={t("form.perCustomerLimitHint")}
                value={form.per_customer_limit}
                onChange={(per_customer_limit) => set({ per_customer_limit })}
              />
              <SwitchField
                id="rewardflow-reward-active"
                label={t("form.active")}
                hint={t("form.activeHint")}
                checked={form.is_active}
                onChange={(is_active) => set({ is_active })}
              />
            </div>
          </form>
        </FocusModal.Body>
        <FocusModal.Footer>
          <div className="flex items-center justify-end gap-x-2">
            <FocusModal.Close asChild>
              <Button size="small" variant="secondary">
                {t("common.cancel")}
              </Button>
            </FocusModal.Close>
            <Button size="small" type="submit" form="rewardflow-reward-form" isLoading={save.isPending}>
              {t("common.save")}
            </Button>
          </div>
        </FocusModal.Footer>
      </FocusModal.Content>
    </FocusModal>
  )
}
