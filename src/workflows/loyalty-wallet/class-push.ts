import { buildLoyaltyClass, classIdFor, passLook, payloadHash, type PassProgram } from "../../modules/loyalty-wallet/lib/pass-payloads"
import type { GoogleWalletApi } from "../../modules/loyalty-wallet/lib/wallet-api"
import type LoyaltyWalletModuleService from "../../modules/loyalty-wallet/service"
import type { WalletConfig } from "../../modules/loyalty-wallet/service"

/** A class written to Google: recorded by `recordWalletClassStep` so it is not sent again unchanged. */
export type ClassWritten = { program_id: string; class_id: string; payload_hash: string }

/**
 * The program's LoyaltyClass as it should be on Google, and what the plugin last wrote:
 * `upToDate` when the same body was written, `known` when a class was written at all.
 */
export async function planClassPush(wallet: LoyaltyWalletModuleService, config: WalletConfig, program: PassProgram) {
  const { values } = config
  const classId = classIdFor(values.issuer_id!, program.id)
  const body = buildLoyaltyClass(classId, program, passLook(values))
  const hash = payloadHash(body)
  const [row] = await wallet.listLoyaltyWalletClasses({ program_id: program.id }, { take: 1 })
  const known = row?.class_id === classId
  return { program_id: program.id, classId, body, hash, known, upToDate: known && row.payload_hash === hash }
}

export type ClassPushPlan = Awaited<ReturnType<typeof planClassPush>>

/**
 * Writes the class: a patch when the plugin wrote it before, else an insert. Another sync (a
 * second account at the same moment) or the Validate check may have created it meanwhile:
 * Google's 409 ALREADY_EXISTS then turns the insert into a patch.
 */
export async function pushClass(api: GoogleWalletApi, plan: ClassPushPlan): Promise<ClassWritten> {
  await api.upsert("loyaltyClass", plan.body, { expectExisting: plan.known })
  return { program_id: plan.program_id, class_id: plan.classId, payload_hash: plan.hash }
}
