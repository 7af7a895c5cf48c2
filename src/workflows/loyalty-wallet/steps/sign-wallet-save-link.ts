import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LOYALTY_WALLET_MODULE } from "../../../modules/loyalty-wallet"
import { buildLoyaltyClass, buildLoyaltyObject, classIdFor, objectIdFor } from "../../../modules/loyalty-wallet/lib/pass-payloads"
import { saveUrl, signSaveJwt } from "../../../modules/loyalty-wallet/lib/save-jwt"
import type LoyaltyWalletModuleService from "../../../modules/loyalty-wallet/service"
import { loadPassSource } from "../pass-source"

export const signWalletSaveLinkStepId = "sign-wallet-save-link"

export type WalletSaveLink = { url: string; class_id: string; object_id: string; environment: "demo" | "production" }

/**
 * Builds the "Add to Google Wallet" link: a JWT signed RS256 with the service account key
 * whose payload carries the program's class and the account's object at the current balance.
 * Reads only.
 *
 * @example
 * const link = signWalletSaveLinkStep({ account_id })
 */
export const signWalletSaveLinkStep = createStep(
  signWalletSaveLinkStepId,
  async (input: { account_id: string }, { container }) => {
    const wallet: LoyaltyWalletModuleService = container.resolve(LOYALTY_WALLET_MODULE)
    const config = await wallet.getWalletConfig()
    const source = await loadPassSource(container, input.account_id)
    if (!config.serviceAccount.ok || !source) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Google Wallet passes are not available: this store has not configured Google Wallet yet")
    }
    const { values } = config
    const classId = classIdFor(values.issuer_id!, source.program.id)
    const objectId = objectIdFor(values.issuer_id!, source.account.id)
    const jwt = signSaveJwt({
      key: config.serviceAccount.key,
      origins: values.origins ?? [],
      loyaltyClasses: [
        buildLoyaltyClass(classId, source.program, {
          issuer_name: values.issuer_name,
          logo_url: values.default_logo_url!,
          background_color: values.background_color ?? "#1f3a5f",
        }),
      ],
      loyaltyObjects: [buildLoyaltyObject(objectId, classId, source.account, source.program)],
    })
    return new StepResponse<WalletSaveLink>({
      url: saveUrl(values.save_url_base, jwt),
      class_id: classId,
      object_id: objectId,
      environment: values.environment ?? "demo",
    })
  }
)
