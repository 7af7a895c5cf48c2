import { EllipsisHorizontal, PencilSquare, Trash, XCircle, CheckCircle } from "@medusajs/icons"
import { DropdownMenu, IconButton } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import type { Reward } from "../../lib/rewards-api"

/** The row's menu: edit, activate or deactivate, delete. */
export const RewardRowActions = ({
  reward,
  onEdit,
  onToggleActive,
  onDelete,
}: {
  reward: Reward
  onEdit: () => void
  onToggleActive: () => void
  onDelete: () => void
}) => {
  const { t } = useTranslation("rewardflow")
  return (
    <DropdownMenu>
      <DropdownMenu.Trigger asChild>
        <IconButton size="small" variant="transparent" aria-label={t("rewards.actions.menu", { name: reward.name.en })}>
          <EllipsisHorizontal />
        </IconButton>
      </DropdownMenu.Trigger>
      <DropdownMenu.Content align="end">
        <DropdownMenu.Item className="flex items-center gap-x-2 [&>svg]:text-ui-fg-subtle" onClick={onEdit}>
          <PencilSquare />
          {t("common.edit")}
        </DropdownMenu.Item>
        <DropdownMenu.Item className="flex items-center gap-x-2 [&>svg]:text-ui-fg-subtle" onClick={onToggleActive}>
          {reward.is_active ? <XCircle /> : <CheckCircle />}
          {t(reward.is_active ? "rewards.actions.deactivate" : "rewards.actions.activate")}
        </DropdownMenu.Item>
        <DropdownMenu.Separator />
        <DropdownMenu.Item className="flex items-center gap-x-2 [&>svg]:text-ui-fg-subtle" onClick={onDelete}>
          <Trash />
          {t("common.delete")}
        </DropdownMenu.Item>
      </DropdownMenu.Content>
    </DropdownMenu>
  )
}
