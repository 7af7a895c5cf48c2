import { Button, Checkbox, Drawer, Input, Label, Select, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { createStaff, fetchStores, STAFF_ROLES, terminalKeys, type NewStaff, type StaffRole } from "../../lib/terminals-api"
import { Field, FieldError } from "../form-fields"
import { fieldOfError, messageUnderField } from "../settings/api-error"
import { PinInput } from "./pin-input"

const FIELDS = ["name", "role", "stock_location_ids", "pin"] as const
const EMPTY: NewStaff = { name: "", role: "cashier", stock_location_ids: [], pin: "" }

/**
 * Creates a staff member: name, role, the stores they may work in, their first PIN (the API
 * checks it against the PIN rules; its message is shown under the field it names).
 */
export const StaffFormDrawer = ({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) => {
  const { t } = useTranslation("rewardflow")
  const queryClient = useQueryClient()
  const stores = useQuery({ queryKey: terminalKeys.stores, queryFn: fetchStores })
  const [form, setForm] = useState<NewStaff>(EMPTY)
  const save = useMutation({
    mutationFn: () => createStaff(form),
    onSuccess: ({ staff }) => {
      toast.success(t("terminals.staff.created", { name: staff.name }))
      queryClient.invalidateQueries({ queryKey: terminalKeys.staff })
      onOpenChange(false)
    },
  })
  useEffect(() => {
    if (!open) return
    setForm(EMPTY)
    save.reset()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open])
  const set = (patch: Partial<NewStaff>) => {
    save.reset()
    setForm((f) => ({ ...f, ...patch }))
  }
  const toggleStore = (id: string, on: boolean) =>
    set({ stock_location_ids: on ? [...form.stock_location_ids, id] : form.stock_location_ids.filter((s) => s !== id) })
  const errorField = fieldOfError(save.error, FIELDS)
  const errorFor = (f: (typeof FIELDS)[number]) => (errorField === f ? messageUnderField(save.error) : null)

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content data-testid="rewardflow-staff-form">
        <Drawer.Header>
          <Drawer.Title>{t("terminals.staff.create_title")}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="overflow-y-auto">
          <form
            id="rewardflow-staff-form"
            className="flex flex-col gap-y-6"
            noValidate
            onSubmit={(e) => {
              e.preventDefault()
              save.mutate()
            }}
          >
            <Field id="rewardflow-staff-name" label={t("terminals.staff.name")} error={errorFor("name")}>
              <Input id="rewardflow-staff-name" value={form.name} onChange={(e) => set({ name: e.target.value })} />
            </Field>
            <Field id="rewardflow-staff-role" label={t("terminals.staff.role")} error={errorFor("role")}>
              <Select value={form.role} onValueChange={(role) => set({ role: role as StaffRole })}>
                <Select.Trigger id="rewardflow-staff-role">
                  <Select.Value />
                </Select.Trigger>
                <Select.Content>
                  {STAFF_ROLES.map((r) => (
                    <Select.Item key={r} value={r}>
                      {t(`terminals.roles.${r}`)}
                    </Select.Item>
                  ))}
                </Select.Content>
              </Select>
            </Field>
            <fieldset className="flex flex-col gap-y-2">
              <legend className="mb-2">
                <Label>{t("terminals.staff.stores")}</Label>
              </legend>
              {stores.isError ? (
                <Text size="small" className="text-ui-fg-error" role="alert">
                  {(stores.error as Error).message}
                </Text>
              ) : (
                (stores.data ?? []).map((s) => (
                  <div key={s.id} className="flex items-center gap-x-2">
                    <Checkbox
                      id={`rewardflow-staff-store-${s.id}`}
                      checked={form.stock_location_ids.includes(s.id)}
                      onCheckedChange={(on) => toggleStore(s.id, on === true)}
                    />
                    <Label htmlFor={`rewardflow-staff-store-${s.id}`}>{s.name}</Label>
                  </div>
                ))
              )}
              <FieldError id="rewardflow-staff-stores" error={errorFor("stock_location_ids")} />
            </fieldset>
            <Field id="rewardflow-staff-pin" label={t("terminals.staff.pin")} hint={t("terminals.staff.pin_hint")} error={errorFor("pin")}>
              <PinInput id="rewardflow-staff-pin" value={form.pin} onChange={(pin) => set({ pin })} />
            </Field>
            {save.isError && !errorField ? (
              <Text size="small" className="text-ui-fg-error" role="alert" data-testid="rewardflow-staff-form-error">
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
          <Button size="small" type="submit" form="rewardflow-staff-form" isLoading={save.isPending}>
            {t("terminals.staff.create")}
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
