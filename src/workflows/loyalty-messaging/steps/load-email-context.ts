import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/** The store's name for `{{store.name}}` (Medusa's store module). */
export async function loadStoreName(container: MedusaContainer): Promise<string> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "store", fields: ["name"], pagination: { take: 1 } })
  return (data[0] as { name?: string } | undefined)?.name ?? ""
}

/** The order number shoppers see, for `{{order.display_id}}`; null when it cannot be read. */
export async function loadOrderDisplayId(container: MedusaContainer, orderId: string): Promise<string | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order", fields: ["display_id"], filters: { id: orderId } })
  const id = (data[0] as { display_id?: number } | undefined)?.display_id
  return id === undefined || id === null ? null : String(id)
}

/**
 * The reward behind `loyalty.reward_ready`. Rewards live in the loyalty module; while that
 * entity is missing or unreadable the mail still goes out, without the reward's name.
 */
export async function loadReward(
  container: MedusaContainer,
  rewardId: string
): Promise<{ name: Record<string, string> | string | null; points_cost: number | null } | null> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "loyalty_reward", fields: ["name", "points_cost"], filters: { id: rewardId } })
    const reward = data[0] as { name?: Record<string, string>; points_cost?: number } | undefined
    if (!reward) logger.warn(`[rewardflow] reward ${rewardId} not found: reward_ready mail sent without its name`)
    return reward ? { name: reward.name ?? null, points_cost: reward.points_cost ?? null } : null
  } catch (e) {
    logger.warn(`[rewardflow] reward ${rewardId} could not be read (${(e as Error).message}): reward_ready mail sent without its name`)
    return null
  }
}
