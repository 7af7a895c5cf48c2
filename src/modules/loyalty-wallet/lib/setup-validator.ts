import { createPrivateKey } from "node:crypto"
import { buildLoyaltyClass, classIdFor, passLook, type PassProgram } from "./pass-payloads"
import { loadServiceAccount } from "./service-account"
import { TIER_BAND_PATH } from "./tier-band"
import { GoogleWalletApi, WalletApiError } from "./wallet-api"
import type { SettingProblem } from "../../../lib/layered-settings"
import type { WalletValues } from "../types"

export type WalletCheckId = "service_account" | "token" | "issuer" | "origins" | "logo" | "public_url"

/** One check of the Wallet setup: ok, or what failed and how to fix it. */
export type WalletCheck = { id: WalletCheckId; ok: boolean; message: string; fix?: string }

const pass = (id: WalletCheckId, message: string): WalletCheck => ({ id, ok: true, message })
const fail = (id: WalletCheckId, message: string, fix: string): WalletCheck => ({ id, ok: false, message, fix })

/** Each origin must be an https origin: scheme and host (and port), no path. */
export function checkOrigins(origins: string[] | undefined): WalletCheck {
  if (!origins?.length) {
    return fail(
      "origins",
      "no origins are set: the Add to Google Wallet button is refused on pages of unlisted sites",
      "List your storefront origins, e.g. REWARDFLOW_GOOGLE_WALLET_ORIGINS=https://shop.example.com"
    )
  }
  const problems: string[] = []
  for (const origin of origins) {
    let url: URL | null = null
    try {
      url = new URL(origin)
    } catch {
      problems.push(`${origin} is not a URL`)
      continue
    }
    if (url.protocol !== "https:") problems.push(`${origin} is not https`)
    else if (url.origin !== origin.replace(/\/$/, "")) problems.push(`${origin} is not an origin (remove the path, query or credentials)`)
  }
  if (problems.length) {
    return fail("origins", problems.join("; "), "Use https origins only, written as https://host or https://host:port")
  }
  return pass("origins", `${origins.length} https origin(s): ${origins.join(", ")}`)
}

/**
 * The public URL (optional: without it passes show no tier band, and there is no check) must be
 * https: Google does not fetch images over http, and refuses a pass whose image URI is http.
 */
export function checkPublicUrl(url: string | undefined): WalletCheck | null {
  if (!url) return null
  let parsed: URL | null = null
  try {
    parsed = new URL(url)
  } catch {
    parsed = null
  }
  if (parsed?.protocol !== "https:") {
    return fail(
      "public_url",
      `${url} is not https: Google does not fetch the tier colour band from it`,
      "Set REWARDFLOW_GOOGLE_WALLET_PUBLIC_URL to the https URL this Medusa server is reached at, e.g. https://api.shop.example.com"
    )
  }
  return pass("public_url", `tier colour bands are served from ${url}${TIER_BAND_PATH}/`)
}

/** The logo must answer 200 with an image content type. */
export async function checkLogo(url: string | undefined): Promise<WalletCheck> {
  if (!url) {
    return fail("logo", "no default logo URL is set (Google requires a program logo)", "Set REWARDFLOW_GOOGLE_WALLET_DEFAULT_LOGO_URL to an https URL of a PNG or JPEG image (at least 660x660 px)")
  }
  let res: Response
  try {
    res = await fetch(url, { redirect: "follow", signal: AbortSignal.timeout(10_000) })
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code
    return fail("logo", `${url} cannot be fetched (${cause ?? (e as Error).message})`, "Use a public URL that Google's servers can download")
  }
  const type = res.headers.get("content-type") ?? ""
  await res.body?.cancel().catch(() => undefined)
  if (!res.ok) {
    return fail("logo", `${url} answered ${res.status} ${res.statusText}`.trim(), "Upload the logo and use its exact public URL")
  }
  if (!/^image\//i.test(type)) {
    return fail("logo", `${url} answered with content type ${type || "(none)"}, not an image`, "Point the URL at the image file itself (PNG or JPEG), not at a web page")
  }
  return pass("logo", `${url} is an image (${type.split(";")[0]})`)
}

/**
 * Runs every check of the Wallet setup. The issuer check reads the program's class and creates
 * it when missing, which is what the first pass would do anyway.
 */
export async function validateWalletSetup(
  values: WalletValues,
  program: PassProgram,
  /** The key saved in the admin, when it cannot be opened (the other checks use the fallback). */
  savedKey?: SettingProblem
): Promise<WalletCheck[]> {
  const checks: WalletCheck[] = []
  const account = loadServiceAccount(values)
  if (savedKey) {
    const fallback = account.ok && savedKey.fallback_source ? `; meanwhile the key from ${savedKey.fallback_source} is used` : ""
    checks.push(fail("service_account", `${savedKey.problem}${fallback}`, "Paste the service account JSON again in Settings > Google Wallet"))
  } else if (!account.ok) {
    checks.push(fail("service_account", account.problem, account.fix))
  } else {
    checks.push(pass("service_account", `${account.from} parses; client_email ${account.key.client_email}`))
  }

  let api: GoogleWalletApi | null = null
  if (!account.ok) {
    checks.push(fail("token", "not tried: the service account key is not usable", "Fix the service account check first"))
  } else {
    try {
      createPrivateKey(account.key.private_key)
      api = GoogleWalletApi.create(account.key, values)
      await api.authorize()
      checks.push(pass("token", `the key signs the JWT assertion and Google issued a token for ${account.key.client_email}`))
    } catch (e) {
      api = null
      checks.push(tokenFailure(e, account.key.client_email, values.token_url))
    }
  }

  checks.push(await checkIssuer(values, program, api, account.ok ? account.key.client_email : null))
  checks.push(checkOrigins(values.origins))
  checks.push(await checkLogo(values.default_logo_url))
  const publicUrl = checkPublicUrl(values.public_url)
  if (publicUrl) checks.push(publicUrl)
  return checks
}

/**
 * The failed token check: no answer at all (DNS, firewall: the key was not judged), or an
 * answer refusing the key, or a key that is no PEM private key.
 */
function tokenFailure(e: unknown, email: string, tokenUrl: string): WalletCheck {
  if (e instanceof WalletApiError && e.status === null) {
    return fail(
      "token",
      e.message,
      `The server cannot reach ${tokenUrl}, so the key of ${email} was not checked: allow outbound HTTPS from the Medusa server to it (DNS, firewall, proxy), then validate again`
    )
  }
  const message = e instanceof WalletApiError ? e.message : `private_key is not a PEM private key (${(e as Error).message})`
  return fail(
    "token",
    message,
    `Google refused the key of ${email}: create a new JSON key for this service account (IAM & Admin > Service accounts > Keys) and use the whole file; a deleted or foreign key fails here`
  )
}

async function checkIssuer(values: WalletValues, program: PassProgram, api: GoogleWalletApi | null, email: string | null) {
  const issuer = values.issuer_id
  if (!issuer) {
    return fail("issuer", "no issuer id is set", "Copy the issuer id from the Google Pay & Wallet Console (Google Wallet API page) into REWARDFLOW_GOOGLE_WALLET_ISSUER_ID")
  }
  if (!/^\d+$/.test(issuer)) {
    return fail("issuer", `issuer id ${JSON.stringify(issuer)} is not numeric`, "The issuer id is the long number shown in the Google Pay & Wallet Console, e.g. 3388000000012345678")
  }
  if (!api) {
    return fail("issuer", `issuer id ${issuer} is numeric, but the class was not checked: no token`, "Fix the token check first")
  }
  const classId = classIdFor(issuer, program.id)
  try {
    const existing = await api.get("loyaltyClass", classId)
    if (existing) {
      return pass("issuer", `class ${classId} is readable (reviewStatus ${existing.reviewStatus ?? "unknown"})`)
    }
    if (!values.default_logo_url) {
      return fail("issuer", `class ${classId} does not exist and cannot be created without a logo`, "Set the default logo URL, then validate again")
    }
    await api.insert("loyaltyClass", buildLoyaltyClass(classId, program, passLook(values)))
    return pass("issuer", `class ${classId} was created`)
  } catch (e) {
    const err = e as WalletApiError
    if (err.status === 403 || err.status === 401) {
      return fail(
        "issuer",
        `issuer ${issuer} refused ${email}: ${err.message}`,
        `In the Google Pay & Wallet Console, Users, invite ${email} as Developer for issuer ${issuer}; or correct the issuer id`
      )
    }
    return fail("issuer", `class ${classId} cannot be read or created: ${err.message}`, "Check the issuer id and try again; see the message for Google's reason")
  }
}
