import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_MODULE } from "../../../modules/loyalty"

export const setProgramSalesChannelsStepId = "set-loyalty-program-sales-channels"

type Input = { program_id: string; sales_channel_ids: string[] }

async function linkedChannelIds(container: any, programId: string): Promise<string[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "loyalty_program",
    fields: ["sales_channels.id"],
    filters: { id: programId },
  })
  return ((data[0] as any)?.sales_channels ?? []).filter(Boolean).map((c: { id: string }) => c.id)
}

const linkRows = (programId: string, ids: string[]) =>
  ids.map((id) => ({
    [LOYALTY_MODULE]: { loyalty_program_id: programId },
    [Modules.SALES_CHANNEL]: { sales_channel_id: id },
  }))

/**
 * Replaces the sales channels where the program earns (empty list: every channel).
 * Unknown channel ids are refused. Compensation restores the previous links.
 *
 * @example
 * setProgramSalesChannelsStep({ program_id, sales_channel_ids: ["sc_123"] })
 */
export const setProgramSalesChannelsStep = createStep(
  setProgramSalesChannelsStepId,
  async ({ program_id, sales_channel_ids }: Input, { container }) => {
    const wanted = [...new Set(sales_channel_ids)]
    if (wanted.length) {
      const channels = await container
        .resolve(Modules.SALES_CHANNEL)
        .listSalesChannels({ id: wanted }, { select: ["id"] })
      const found = new Set(channels.map((c: { id: string }) => c.id))
      const missing = wanted.filter((id) => !found.has(id))
      if (missing.length) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `sales_channel_ids: no sales channel with id ${missing.join(", ")}`
        )
      }
    }
    const link = container.resolve(ContainerRegistrationKeys.LINK)
    const previous = await linkedChannelIds(container, program_id)
    await link.dismiss(linkRows(program_id, previous.filter((id) => !wanted.includes(id))))
    await link.create(linkRows(program_id, wanted.filter((id) => !previous.includes(id))))
    return new StepResponse(wanted, { program_id, previous, wanted })
  },
  async (saved, { container }) => {
    if (!saved) return
    const link = container.resolve(ContainerRegistrationKeys.LINK)
    const { program_id, previous, wanted } = saved
    await link.dismiss(linkRows(program_id, wanted.filter((id) => !previous.includes(id))))
    await link.create(linkRows(program_id, previous.filter((id) => !wanted.includes(id))))
  }
)
