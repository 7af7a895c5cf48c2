import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { currencyDigits, DEFAULT_CURRENCY_DIGITS } from "../../modules/loyalty/lib/money"

/** A currency's digits never change while the process runs: read once per code. */
const known = new Map<string, number>()

/**
 * The `decimal_digits` of each currency (JPY 0, KWD 3), from Medusa's currency module, by
 * lower-case code. A code the module does not know gets 2 (and is asked again next time).
 *
 * @example
 * const digits = await loadCurrencyDigits(container, ["jpy", "eur"]) // { jpy: 0, eur: 2 }
 */
export async function loadCurrencyDigits(container: Pick<MedusaContainer, "resolve">, codes: string[]): Promise<Record<string, number>> {
  const wanted = [...new Set(codes.map((c) => c.toLowerCase()))]
  const missing = wanted.filter((c) => !known.has(c))
  if (missing.length) {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "currency", fields: ["code", "decimal_digits"], filters: { code: missing } })
    for (const c of data as { code: string; decimal_digits: number | null }[]) {
      known.set(c.code.toLowerCase(), currencyDigits(c.decimal_digits))
    }
  }
  return Object.fromEntries(wanted.map((c) => [c, known.get(c) ?? DEFAULT_CURRENCY_DIGITS]))
}

/** The `decimal_digits` of one currency; 2 for a code Medusa does not know. */
export async function loadCurrencyDigitsFor(container: Pick<MedusaContainer, "resolve">, code: string): Promise<number> {
  return (await loadCurrencyDigits(container, [code]))[code.toLowerCase()]
}
