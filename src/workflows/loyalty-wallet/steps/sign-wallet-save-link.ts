import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_WALLET_MODULE } from "../../../modules/loyalty-wallet"
import { buildLoyaltyClass, buildLoyaltyObject, classIdFor, objectIdFor, passLook } from "../../../modules/loyalty-wallet/lib/pass-payloads"
import { saveUrl, signSaveJwt } from "../../../modules/loyalty-wallet/lib/save-jwt"
import type LoyaltyWalletModuleService from "../../../modules/loyalty-wallet/service"
import { loadPassSource } from "../pass-source"
import type { PushWalletPassResult } from "./push-wallet-pass"
import { refusal } from "../../../modules/loyalty/lib/refusal"

export const signWalletSaveLinkStepId = "sign-wallet-save-link"

export type WalletSaveLink = {
  url: string
  class_id: string
  object_id: string
  environment: "demo" | "production"
  /** `skinny`: the pass was written through the REST API and the JWT names it; `full`: the JWT carries it. */
  jwt: "skinny" | "full"
}

/**
 * Builds the "Add to Google Wallet" link, a JWT signed RS256 with the service account key.
 * When the pass was just written through the REST API, the JWT only names the object
 * (`{ id, classId }`: a short URL). When Google's API could not be reached, it carries the whole
 * class and object, which Google creates when the shopper saves (the retry job writes them too).
 * Any other failure of the write is refused: Google would refuse the pass from the link as well.
 * Reads only.
 *
 * @example
 * const link = signWalletSaveLinkStep({ account_id, push })
 */
export const signWalletSaveLinkStep = createStep(
  signWalletSaveLinkStepId,
  async (input: { account_id: string; push: PushWalletPassResult }, { container }) => {
    const wallet: LoyaltyWalletModuleService = container.resolve(LOYALTY_WALLET_MODULE)
    const config = await wallet.getWalletConfig()
    const source = await loadPassSource(container, input.account_id)
    if (!config.serviceAccount.ok) {
      throw refusal("wallet_not_configured", "Google Wallet passes are not available: this store has not configured Google Wallet yet")
    }
    if (!source) throw refusal("not_found", `Loyalty account ${input.account_id} was not found`, {}, MedusaError.Types.NOT_FOUND)
    const { push } = input
    const written = push.status === "synced" || push.skip === "up_to_date"
    if (!written && !push.unreachable) {
      container.resolve(ContainerRegistrationKeys.LOGGER).error(`[rewardflow] Google Wallet refused the pass of ${input.account_id}: ${push.error}`)
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        "Google Wallet refused this pass: the store's Google Wallet setup needs attention (Settings > Google Wallet > Validate)"
      )
    }
    const { values } = config
    const classId = classIdFor(values.issuer_id!, source.program.id)
    const objectId = objectIdFor(values.issuer_id!, source.account.id)
    const jwt = signSaveJwt(
      written
        ? { key: config.serviceAccount.key, origins: values.origins ?? [], loyaltyObjects: [{ id: objectId, classId }] }
        : {
            key: config.serviceAccount.key,
            origins: values.origins ?? [],
            loyaltyClasses: [buildLoyaltyClass(classId, source.program, passLook(values))],
            loyaltyObjects: [buildLoyaltyObject(objectId, classId, source.account, source.program, values)],
          }
    )
    return new StepResponse<WalletSaveLink>({
      url: saveUrl(values.save_url_base, jwt),
      class_id: classId,
      object_id: objectId,
      environment: values.environment ?? "demo",
      jwt: written ? "skinny" : "full",
    })
  }
)
