import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { formatCardNumber } from "../../../modules/loyalty/lib/card-number"
import { localizedText } from "../../../modules/loyalty/lib/localized-text"
import { LOYALTY_MESSAGING_MODULE, type OutgoingEmail, type TemplateKey } from "../../../modules/loyalty-messaging"
import type LoyaltyMessagingModuleService from "../../../modules/loyalty-messaging/service"
import { loadOrderDisplayId, loadReward, loadStoreName } from "./load-email-context"

export const prepareLoyaltyEmailStepId = "prepare-loyalty-email"

export type PrepareLoyaltyEmailInput = {
  template_key: TemplateKey
  /** One per logical mail, e.g. "loyalty_points_earned:<entry id>". */
  idempotency_key: string
  account_id: string
  event: string
  points?: number | null
  balance?: number | null
  order_id?: string | null
  reward_id?: string | null
  /** A name per locale (`{ en, fr, de, lb }`) or one string. */
  reward_name?: Record<string, string> | string | null
  points_cost?: number | null
  expires_at?: string | Date | null
  /** IANA zone the mail's dates are written in (points expiring: the program's); default: the `email.timeZone` option. */
  time_zone?: string | null
  /** loyalty_referral_bonus: true for the member who shared the code, false for the friend who joined with it. */
  referrer?: boolean | null
  /** loyalty_tier_changed: the tier moved to (null name: below every tier), the one left, per locale or one string. */
  tier?: {
    name: Record<string, string> | string | null
    perks: Record<string, string> | string | null
    previous_name: Record<string, string> | string | null
    direction: "up" | "down"
  } | null
}

/**
 * Reads the shopper, program, store (and order or reward) and renders the template in the
 * shopper's language: customer metadata.locale, else the account's locale, else the
 * program's default; the template itself falls back lb -> de -> en, fr -> en.
 * Returns null when there is nobody to write to (no account, no email address).
 *
 * @example
 * const message = prepareLoyaltyEmailStep({ template_key: "loyalty_enrollment", idempotency_key, account_id, event })
 */
export const prepareLoyaltyEmailStep = createStep(
  prepareLoyaltyEmailStepId,
  async (input: PrepareLoyaltyEmailInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    const messaging: LoyaltyMessagingModuleService = container.resolve(LOYALTY_MESSAGING_MODULE)
    const { data } = await query.graph({
      entity: "loyalty_account",
      fields: [
        "id",
        "card_number",
        "balance",
        "locale",
        "program.name",
        "program.default_locale",
        "customer.first_name",
        "customer.last_name",
        "customer.email",
        "customer.metadata",
      ],
      filters: { id: input.account_id },
    })
    const account = data[0] as Record<string, any> | undefined
    const email = account?.customer?.email
    if (!account || !email) {
      logger.warn(`[rewardflow] ${input.template_key} not sent for account ${input.account_id}: ${account ? "the customer has no email address" : "no such account"}`)
      return new StepResponse(null)
    }
    const metadataLocale = account.customer?.metadata?.locale
    const locale = (typeof metadataLocale === "string" && metadataLocale) || account.locale || account.program?.default_locale || "en"
    const reward = input.reward_id && !input.reward_name ? await loadReward(container, input.reward_id) : null
    let template: Awaited<ReturnType<typeof messaging.resolveTemplate>>
    try {
      template = await messaging.resolveTemplate(input.template_key, locale)
    } catch (e) {
      if ((e as MedusaError).type !== MedusaError.Types.NOT_FOUND) throw e
      // The merchant switched this mail off: nothing to send, nothing to retry.
      logger.info(`[rewardflow] ${input.template_key} not sent to account ${input.account_id}: ${(e as Error).message}`)
      return new StepResponse(null)
    }
    const rewardName = input.reward_name ?? reward?.name ?? null
    const rendered = messaging.renderTemplate(template, {
      "customer.first_name": account.customer.first_name,
      "customer.last_name": account.customer.last_name,
      "customer.email": email,
      "program.name": account.program?.name,
      "store.name": await loadStoreName(container),
      card_number: formatCardNumber(account.card_number),
      balance: input.balance ?? account.balance,
      shop_url: messaging.config.shopUrl,
      wallet_url: messaging.config.walletUrl,
      points: input.points,
      "order.display_id": input.order_id ? await loadOrderDisplayId(container, input.order_id) : null,
      "reward.name": rewardName ? localizedText(rewardName, template.locale) : null,
      "reward.points_cost": input.points_cost ?? reward?.points_cost ?? null,
      expires_at: input.expires_at ?? null,
      ...tierVariables(input.tier, template.locale),
      referrer: input.referrer ? "yes" : null,
    }, {}, input.time_zone ?? undefined)
    const message: OutgoingEmail = {
      idempotency_key: input.idempotency_key,
      template_key: input.template_key,
      locale: template.locale,
      recipient: email,
      subject: rendered.subject,
      html_body: rendered.html,
      text_body: rendered.text,
      context: { event: input.event, account_id: input.account_id, requested_locale: locale },
    }
    return new StepResponse(message)
  }
)

/** The tier variables of a mail, in the template's language. */
function tierVariables(tier: PrepareLoyaltyEmailInput["tier"], locale: string) {
  const text = (value: Record<string, string> | string | null | undefined) => (value ? localizedText(value, locale) : null)
  return {
    "tier.name": text(tier?.name),
    "tier.perks": text(tier?.perks),
    "previous_tier.name": text(tier?.previous_name),
    direction: tier?.direction ?? null,
    upgrade: tier?.direction === "up" ? "yes" : null,
  }
}
