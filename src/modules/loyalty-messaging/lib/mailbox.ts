/**
 * One sender mailbox as people write it (RFC 5322 `mailbox`, the form nodemailer, mail
 * clients and .env files use): `loyalty@shop.lu`, `Support <support@shop.lu>`,
 * `"Shop, Inc." <a@b.lu>`, `<a@b.lu>`. Exactly one address; groups, lists and comments are
 * refused, so a typo never turns into a second sender.
 */
export type Mailbox = { address: string; name: string | null }

/**
 * Why a text is not one mailbox. The message is the problem only and reads after the text,
 * e.g. `"a@b.lu, c@d.lu" holds more than one address: give one sender`; the caller names the field.
 */
export class MailboxError extends Error {}

// One address: local@domain.tld (or @localhost). No spaces, quotes, brackets, commas or
// semicolons: those belong to names and lists, not to an address.
const ATOM = "[^\\s@<>()\\[\\]\\\\,;:\"]+"
const ADDRESS = new RegExp(`^${ATOM}@${ATOM}\\.${ATOM}$|^${ATOM}@localhost$`, "i")
// Control characters (CR and LF among them) could break the header.
const CONTROL = /[\u0000-\u001f\u007f]/
// What makes a name need quotes in a header (RFC 5322 specials).
const SPECIALS = /[()<>[\]:;@\\,."]/

/** True for a bare address (`loyalty@shop.lu`), without name or angle brackets. */
export function isEmailAddress(text: string): boolean {
  return ADDRESS.test(text)
}

/**
 * Splits a sender into address and display name; throws `MailboxError` saying what is wrong
 * when the text is not exactly one address. Surrounding spaces are ignored, a quoted name is
 * unquoted (`\"` inside quotes is a quote), runs of spaces in the name become one, and an empty
 * name (`"" <a@b.lu>`, `<a@b.lu>`) is null.
 *
 * @example
 * parseMailbox('"Shop, Inc." <a@b.lu>') // { address: "a@b.lu", name: "Shop, Inc." }
 */
export function parseMailbox(input: string): Mailbox {
  const text = input.trim()
  if (!text) throw new MailboxError("is empty")
  if (CONTROL.test(text)) throw new MailboxError("contains a line break or another control character")

  // Where <, > and list separators are outside quotes.
  const lts: number[] = []
  const gts: number[] = []
  const separators: number[] = []
  let ats = 0
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === "\\") i++
      else if (c === '"') quoted = false
      continue
    }
    if (c === '"') quoted = true
    else if (c === "<") lts.push(i)
    else if (c === ">") gts.push(i)
    else if (c === "," || c === ";") separators.push(i)
    else if (c === "@") ats++
  }
  if (quoted) throw new MailboxError('has a quote (") that is not closed')
  if (separators.length) {
    throw new MailboxError(
      ats > 1
        ? "holds more than one address: give one sender"
        : `has a "${text[separators[0]]}" outside quotes, which separates addresses: put a name with a comma in quotes, as in "Shop, Inc." <loyalty@shop.lu>`
    )
  }

  if (!lts.length) {
    if (gts.length) throw new MailboxError('has a ">" without "<"')
    if (isEmailAddress(text)) return { address: text, name: null }
    if (ats > 1) throw new MailboxError("holds more than one address: give one sender")
    if (ats === 1 && /[\s"]/.test(text)) {
      throw new MailboxError("has a name and an address without angle brackets: write Name <address>, as in Shop <loyalty@shop.lu>")
    }
    throw new MailboxError("is not an email address")
  }
  if (lts.length > 1 || gts.length > 1) throw new MailboxError('has more than one "<" or ">": give one sender')
  const lt = lts[0]
  const gt = gts[0]
  if (gt === undefined) throw new MailboxError('has a "<" that is not closed with ">"')
  if (gt < lt) throw new MailboxError('has ">" before "<"')
  if (gt !== text.length - 1) throw new MailboxError(`has text after ">" (${JSON.stringify(text.slice(gt + 1).trim())})`)

  const address = text.slice(lt + 1, gt).trim()
  if (!address) throw new MailboxError('has no address between "<" and ">"')
  if (!isEmailAddress(address)) throw new MailboxError(`has ${JSON.stringify(address)} between "<" and ">", which is not an email address`)

  const phrase = unquote(text.slice(0, lt))
  return { address, name: phrase || null }
}

/** A name written with quoted parts and escapes, as it reads: quotes and backslashes removed. */
function unquote(phrase: string): string {
  let out = ""
  let quoted = false
  for (let i = 0; i < phrase.length; i++) {
    const c = phrase[i]
    if (quoted && c === "\\" && i + 1 < phrase.length) out += phrase[++i]
    else if (c === '"') quoted = !quoted
    else out += c
  }
  return out.replace(/\s+/g, " ").trim()
}

/**
 * The mailbox as text that `parseMailbox` reads back the same: the bare address without a
 * name, otherwise `Name <address>`, the name quoted when it holds a special character.
 */
export function formatMailbox(mailbox: Mailbox): string {
  if (!mailbox.name) return mailbox.address
  const name = SPECIALS.test(mailbox.name) ? `"${mailbox.name.replace(/(["\\])/g, "\\$1")}"` : mailbox.name
  return `${name} <${mailbox.address}>`
}
