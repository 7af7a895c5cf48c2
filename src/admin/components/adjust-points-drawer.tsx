import { Button, Drawer, Input, Label, Text, Textarea, toast } from "@medusajs/ui"
import { useMutation } from "@tanstack/react-query"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { adjustPoints, type LoyaltyAccount } from "../lib/loyalty-api"

const newKey = () => (globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`)

/** Drawer to add or remove points with a required reason; one Idempotency-Key per opening. */
export const AdjustPointsDrawer = ({ account, onAdjusted }: { account: LoyaltyAccount; onAdjusted: () => void }) => {
  const { t, i18n } = useTranslation("rewardflow")
  const [open, setOpen] = useState(false)
  const [points, setPoints] = useState("")
  const [reason, setReason] = useState("")
  const [key, setKey] = useState(newKey)
  const parsed = Number(points)
  const valid = Number.isInteger(parsed) && parsed !== 0 && reason.trim().length > 0

  const mutation = useMutation({
    mutationFn: () => adjustPoints(account.id, { points: parsed, reason: reason.trim() }, key),
    onSuccess: ({ account: updated }) => {
      toast.success(t("adjust.saved", { balance: updated.balance.toLocaleString(i18n.language) }))
      setOpen(false)
      onAdjusted()
    },
  })

  const openWith = (next: boolean) => {
    if (next) {
      setPoints("")
      setReason("")
      setKey(newKey())
      mutation.reset()
    }
    setOpen(next)
  }

  return (
    <Drawer open={open} onOpenChange={openWith}>
      <Drawer.Trigger asChild>
        <Button size="small" variant="secondary">{t("adjust.open")}</Button>
      </Drawer.Trigger>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>{t("adjust.title")}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-4">
          <Text size="small" className="text-ui-fg-subtle">
            {t("adjust.current", { balance: account.balance.toLocaleString(i18n.language) })}
          </Text>
          <div className="flex flex-col gap-y-2">
            <Label htmlFor="rewardflow-adjust-points">{t("adjust.points")}</Label>
            <Input id="rewardflow-adjust-points" type="number" step={1} value={points} onChange={(e) => setPoints(e.target.value)} />
          </div>
          <div className="flex flex-col gap-y-2">
            <Label htmlFor="rewardflow-adjust-reason">{t("adjust.reason")}</Label>
            <Textarea id="rewardflow-adjust-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          {mutation.isError ? (
            <Text size="small" className="text-ui-fg-error" data-testid="rewardflow-adjust-error">
              {(mutation.error as Error).message}
            </Text>
          ) : null}
        </Drawer.Body>
        <Drawer.Footer>
          <Drawer.Close asChild>
            <Button size="small" variant="secondary">{t("common.cancel")}</Button>
          </Drawer.Close>
          <Button size="small" disabled={!valid} isLoading={mutation.isPending} onClick={() => mutation.mutate()}>
            {t("common.save")}
          </Button>
        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
