import { createHash } from "node:crypto"
import { formatCardNumber } from "../../loyalty/lib/card-number"
import { localizedText } from "../../loyalty/lib/localized-text"
import { localizedString, PASS_LABELS, passLanguage, type PassLanguage } from "./pass-labels"
import { tierBandUrl } from "./tier-band"

/** Google's rule for the part of an id after `<issuerId>.`: letters, digits, '.', '_' or '-'. */
const ID_SUFFIX = /[^A-Za-z0-9._-]/g

/** `<issuerId>.<suffix>`, the suffix reduced to the characters Google accepts. */
export function walletResourceId(issuerId: string, suffix: string) {
  return `${issuerId}.${suffix.replace(ID_SUFFIX, "_")}`
}

export const classIdFor = (issuerId: string, programId: string) => walletResourceId(issuerId, `rewardflow-${programId}`)
export const objectIdFor = (issuerId: string, accountId: string) => walletResourceId(issuerId, `rewardflow-${accountId}`)

export type PassProgram = { id: string; name: string; default_locale?: string | null }
export type PassAccount = {
  id: string
  card_number: string
  balance: number
  status: string
  locale?: string | null
  customer?: { first_name?: string | null; last_name?: string | null; email?: string | null } | null
  /** The member's tier (name and perks per locale, colour "#RRGGBB" or null); null or absent: no tier. */
  tier?: { name: Record<string, string> | string; perks?: Record<string, string> | string | null; color?: string | null } | null
}
/** What the object needs from the Wallet settings: the server's public URL (tier bands). */
export type PassObjectLook = { public_url?: string | null }
export type PassLook = { issuer_name?: string; logo_url: string; background_color: string }

/** How passes look, from the effective Wallet settings (configured: the logo URL is set). */
export const passLook = (values: { issuer_name?: string; default_logo_url?: string; background_color?: string }): PassLook => ({
  issuer_name: values.issuer_name,
  logo_url: values.default_logo_url!,
  background_color: values.background_color ?? "#1f3a5f",
})

/**
 * The LoyaltyClass resource of a program (Google Wallet REST v1): program name and logo,
 * issuer name, colour, and labels translated into en, fr, de and lb.
 */
export function buildLoyaltyClass(classId: string, program: PassProgram, look: PassLook) {
  const lang = passLanguage(program.default_locale)
  const issuerName = look.issuer_name ?? program.name
  return {
    id: classId,
    issuerName,
    localizedIssuerName: localizedString(lang, () => issuerName),
    programName: program.name,
    localizedProgramName: localizedString(lang, () => program.name),
    programLogo: {
      sourceUri: { uri: look.logo_url },
      contentDescription: localizedString(lang, () => program.name),
    },
    hexBackgroundColor: look.background_color,
    accountNameLabel: PASS_LABELS[lang].member,
    localizedAccountNameLabel: localizedString(lang, (l) => PASS_LABELS[l].member),
    accountIdLabel: PASS_LABELS[lang].card_number,
    localizedAccountIdLabel: localizedString(lang, (l) => PASS_LABELS[l].card_number),
    // Google approves a class set to UNDER_REVIEW; updates keep sending it, as documented.
    reviewStatus: "UNDER_REVIEW",
    multipleDevicesAndHoldersAllowedStatus: "ONE_USER_ALL_DEVICES",
  }
}

/**
 * The LoyaltyObject resource of an account: holder name, card number as id and QR barcode,
 * points balance, state, and a translated text module with the balance; for a member with a
 * tier, the tier as secondary points (label "Tier", its name as the value) and a text module
 * with its name and perks. Google's LoyaltyObject has no background colour (only the class has
 * `hexBackgroundColor`, one per program), so a tier's colour is shown as the object's
 * `heroImage`: a band of that colour served by the plugin under `public_url` (no public URL or
 * no colour: no hero image). The band's URL is part of the body, so its hash changes with the
 * tier and the pass is patched.
 */
export function buildLoyaltyObject(objectId: string, classId: string, account: PassAccount, program: PassProgram, look: PassObjectLook = {}) {
  const lang = passLanguage(account.locale ?? program.default_locale)
  const c = account.customer
  const holder = [c?.first_name, c?.last_name].filter(Boolean).join(" ") || c?.email || PASS_LABELS[lang].member
  const tier = account.tier ?? null
  const bandUrl = tier ? tierBandUrl(look.public_url, tier.color) : null
  return {
    id: objectId,
    classId,
    state: account.status === "active" ? "ACTIVE" : "INACTIVE",
    accountId: account.card_number,
    accountName: holder,
    loyaltyPoints: {
      label: PASS_LABELS[lang].points,
      localizedLabel: localizedString(lang, (l) => PASS_LABELS[l].points),
      balance: { int: account.balance },
    },
    barcode: {
      type: "QR_CODE",
      value: account.card_number,
      alternateText: formatCardNumber(account.card_number),
    },
    textModulesData: [
      {
        id: "balance",
        header: PASS_LABELS[lang].balance_header,
        body: PASS_LABELS[lang].balance_body(account.balance),
        localizedHeader: localizedString(lang, (l) => PASS_LABELS[l].balance_header),
        localizedBody: localizedString(lang, (l) => PASS_LABELS[l].balance_body(account.balance)),
      },
      ...(tier ? [tierModule(tier, lang)] : []),
    ],
    ...(tier
      ? {
          secondaryLoyaltyPoints: {
            label: PASS_LABELS[lang].tier,
            localizedLabel: localizedString(lang, (l) => PASS_LABELS[l].tier),
            balance: { string: localizedText(tier.name, lang) },
          },
        }
      : {}),
    ...(tier && bandUrl
      ? {
          heroImage: {
            sourceUri: { uri: bandUrl },
            contentDescription: localizedString(lang, (l) => PASS_LABELS[l].tier_band(localizedText(tier.name, l))),
          },
        }
      : {}),
  }
}

/** Object fields sent only for some accounts (a tier, a tier colour). */
const OPTIONAL_OBJECT_FIELDS = ["secondaryLoyaltyPoints", "heroImage"] as const

/**
 * For a patch: `null` for each optional field the body leaves out. Google's patch keeps the
 * fields it is not sent, so without this a member who lost their tier (or moved to a tier
 * without a colour) would keep the old tier line and band; null clears a field.
 */
export function clearedObjectFields(body: Record<string, unknown>): Record<string, null> {
  return Object.fromEntries(OPTIONAL_OBJECT_FIELDS.filter((f) => !(f in body)).map((f) => [f, null]))
}

/** The tier's text module: "Your tier" / "Gold: free shipping on every order", per language. */
function tierModule(tier: NonNullable<PassAccount["tier"]>, lang: PassLanguage) {
  const body = (l: PassLanguage) => {
    const name = localizedText(tier.name, l)
    const perks = tier.perks ? localizedText(tier.perks, l) : ""
    return perks ? `${name}: ${perks}` : name
  }
  return {
    id: "tier",
    header: PASS_LABELS[lang].tier_header,
    body: body(lang),
    localizedHeader: localizedString(lang, (l) => PASS_LABELS[l].tier_header),
    localizedBody: localizedString(lang, body),
  }
}

/** Stable hash of a resource body, to tell whether Google's copy needs a patch. */
export function payloadHash(body: unknown) {
  return createHash("sha256").update(JSON.stringify(body)).digest("hex")
}
