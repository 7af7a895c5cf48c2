import { EllipsisHorizontal, PencilSquare, Trash } from "@medusajs/icons"
import { Button, Container, DropdownMenu, Heading, IconButton, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { localizedText } from "../../../modules/loyalty/lib/localized-text"
import { deleteTier, listTiers, programKeys, type Tier } from "../../lib/program-api"
import { ColorSwatch, TierFormDrawer } from "./tier-form-drawer"

/** The program's tiers, lowest threshold first: create, edit, delete (after a confirmation). */
export const TiersSection = () => {
  const { t, i18n } = useTranslation("rewardflow")
  const locale = i18n.language
  const queryClient = useQueryClient()
  const prompt = usePrompt()
  const tiers = useQuery({ queryKey: programKeys.tiers, queryFn: listTiers })
  const [editing, setEditing] = useState<Tier | null>(null)
  const [formOpen, setFormOpen] = useState(false)
  const nameOf = (tier: Tier) => localizedText(tier.name, locale)

  const remove = useMutation({
    mutationFn: (tier: Tier) => deleteTier(tier.id),
    onSuccess: (_, tier) => {
      toast.success(t("program.tiers.toast.deleted", { name: nameOf(tier) }))
      queryClient.invalidateQueries({ queryKey: programKeys.tiers })
    },
    // A tier that members hold is refused: the API says how many.
    onError: (e: Error) => toast.error(e.message),
  })
  const confirmDelete = async (tier: Tier) => {
    const confirmed = await prompt({
      title: t("program.tiers.delete.title"),
      description: t("program.tiers.delete.description", { name: nameOf(tier) }),
      confirmText: t("common.delete"),
      cancelText: t("common.cancel"),
    })
    if (confirmed) remove.mutate(tier)
  }
  const open = (tier: Tier | null) => {
    setEditing(tier)
    setFormOpen(true)
  }

  const list = tiers.data ?? []
  return (
    <Container className="divide-y p-0" data-testid="rewardflow-tiers">
      <div className="flex items-start justify-between gap-2 px-6 py-4">
        <div>
          <Heading level="h2">{t("program.tiers.heading")}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t("program.tiers.subtitle")}
          </Text>
        </div>
        <Button size="small" variant="secondary" className="shrink-0 whitespace-nowrap" onClick={() => open(null)}>
          {t("program.tiers.create")}
        </Button>
      </div>
      {tiers.isError ? (
        <Text size="small" className="px-6 py-4 text-ui-fg-error" role="alert">
          {(tiers.error as Error).message}
        </Text>
      ) : tiers.isPending ? (
        <Text size="small" className="px-6 py-4 text-ui-fg-subtle">
          {t("program.loading")}
        </Text>
      ) : !list.length ? (
        <div className="flex flex-col items-center gap-y-1 px-6 py-8">
          <Text size="small" weight="plus">
            {t("program.tiers.empty.heading")}
          </Text>
          <Text size="small" className="text-ui-fg-subtle">
            {t("program.tiers.empty.description")}
          </Text>
        </div>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>{t("program.tiers.columns.name")}</Table.HeaderCell>
              <Table.HeaderCell className="text-right">{t("program.tiers.columns.threshold")}</Table.HeaderCell>
              <Table.HeaderCell className="text-right">{t("program.tiers.columns.multiplier")}</Table.HeaderCell>
              <Table.HeaderCell>{t("program.tiers.columns.color")}</Table.HeaderCell>
              <Table.HeaderCell className="text-right">{t("program.tiers.columns.members")}</Table.HeaderCell>
              <Table.HeaderCell />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {list.map((tier) => (
              <Table.Row key={tier.id} data-testid={`rewardflow-tier-row-${tier.id}`}>
                <Table.Cell>
                  <div className="flex flex-col">
                    <Text size="small" weight="plus" leading="compact">
                      {nameOf(tier)}
                    </Text>
                    {tier.perks ? (
                      <Text size="xsmall" className="text-ui-fg-subtle">
                        {localizedText(tier.perks, locale)}
                      </Text>
                    ) : null}
                  </div>
                </Table.Cell>
                <Table.Cell className="text-right">{tier.threshold.toLocaleString(locale)}</Table.Cell>
                <Table.Cell className="text-right">
                  {t("program.tiers.multiplierValue", { value: tier.multiplier.toLocaleString(locale, { minimumFractionDigits: 2 }) })}
                </Table.Cell>
                <Table.Cell>
                  {tier.color ? (
                    <div className="flex items-center gap-x-2">
                      <ColorSwatch color={tier.color} />
                      <span className="font-mono">{tier.color}</span>
                    </div>
                  ) : (
                    <Text size="small" className="text-ui-fg-subtle">
                      {t("program.tiers.noColor")}
                    </Text>
                  )}
                </Table.Cell>
                <Table.Cell className="text-right">{tier.member_count.toLocaleString(locale)}</Table.Cell>
                <Table.Cell className="text-right">
                  <DropdownMenu>
                    <DropdownMenu.Trigger asChild>
                      <IconButton size="small" variant="transparent" aria-label={t("program.tiers.actions", { name: nameOf(tier) })}>
                        <EllipsisHorizontal />
                      </IconButton>
                    </DropdownMenu.Trigger>
                    <DropdownMenu.Content align="end">
                      <DropdownMenu.Item className="flex items-center gap-x-2 [&>svg]:text-ui-fg-subtle" onClick={() => open(tier)}>
                        <PencilSquare />
                        {t("common.edit")}
                      </DropdownMenu.Item>
                      <DropdownMenu.Separator />
                      <DropdownMenu.Item className="flex items-center gap-x-2 [&>svg]:text-ui-fg-subtle" onClick={() => confirmDelete(tier)}>
                        <Trash />
                        {t("common.delete")}
                      </DropdownMenu.Item>
                    </DropdownMenu.Content>
                  </DropdownMenu>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <TierFormDrawer open={formOpen} onOpenChange={setFormOpen} tier={editing} />
    </Container>
  )
}
