import { ArrowPath, EllipsisHorizontal, PencilSquare, XCircle } from "@medusajs/icons"
import { DropdownMenu, IconButton, toast, usePrompt } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useTranslation } from "react-i18next"
import { revokeDevice, rotateDevice, terminalKeys, type TerminalDevice } from "../../lib/terminals-api"

/** A device's menu: rename, rotate its token (confirmed; the new token is handed up once), revoke (confirmed). */
export const DeviceActions = ({
  device,
  onRename,
  onRotated,
}: {
  device: TerminalDevice
  onRename: (device: TerminalDevice) => void
  onRotated: (device: TerminalDevice, token: string) => void
}) => {
  const { t } = useTranslation("rewardflow")
  const prompt = usePrompt()
  const queryClient = useQueryClient()
  const refresh = () => queryClient.invalidateQueries({ queryKey: terminalKeys.devices })
  const rotate = useMutation({
    mutationFn: () => rotateDevice(device.id),
    onSuccess: ({ device: d, token }) => {
      onRotated(d, token)
      refresh()
    },
    onError: (e: Error) => toast.error(e.message),
  })
  const revoke = useMutation({
    mutationFn: () => revokeDevice(device.id),
    onSuccess: () => {
      toast.success(t("terminals.devices.revoked_toast", { name: device.name }))
      refresh()
    },
    onError: (e: Error) => toast.error(e.message),
  })
  const confirm = async (kind: "rotate" | "revoke") => {
    const ok = await prompt({
      title: t(kind === "rotate" ? "terminals.devices.rotate_title" : "terminals.devices.revoke_title"),
      description: t(kind === "rotate" ? "terminals.devices.rotate_description" : "terminals.devices.revoke_description", { name: device.name }),
      confirmText: t(kind === "rotate" ? "terminals.devices.rotate" : "terminals.devices.revoke"),
      cancelText: t("common.cancel"),
    })
    if (ok) (kind === "rotate" ? rotate : revoke).mutate()
  }
  return (
    <DropdownMenu>
      <DropdownMenu.Trigger asChild>
        <IconButton size="small" variant="transparent" aria-label={t("terminals.devices.actions", { name: device.name })}>
          <EllipsisHorizontal />
        </IconButton>
      </DropdownMenu.Trigger>
      <DropdownMenu.Content align="end">
        <DropdownMenu.Item className="gap-x-2" onClick={() => onRename(device)}>
          <PencilSquare className="text-ui-fg-subtle" />
          {t("terminals.devices.rename")}
        </DropdownMenu.Item>
        <DropdownMenu.Item className="gap-x-2" onClick={() => confirm("rotate")}>
          <ArrowPath className="text-ui-fg-subtle" />
          {t("terminals.devices.rotate")}
        </DropdownMenu.Item>
        <DropdownMenu.Separator />
        <DropdownMenu.Item className="gap-x-2" onClick={() => confirm("revoke")}>
          <XCircle className="text-ui-fg-subtle" />
          {t("terminals.devices.revoke")}
        </DropdownMenu.Item>
      </DropdownMenu.Content>
    </DropdownMenu>
  )
}
