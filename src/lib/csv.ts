/**
 * CSV for spreadsheets as merchants open them (Excel, LibreOffice, Numbers), in the admin's
 * locale. Pure: no dependency but bignumber.js (numbers are written from their exact decimal
 * value, never through float formatting).
 *
 * - UTF-8 with a byte-order mark, so Excel reads accents (é, ä, ë) as UTF-8 and not as ANSI.
 * - `,` as separator and `.` as decimal mark for en; `;` and `,` for fr, de and lb (what a
 *   spreadsheet in those locales expects when the file is double-clicked).
 * - Numbers (number, bigint, bignumber.js or Medusa BigNumber values) in plain decimal notation,
 *   no thousands grouping, no exponent, never prefixed: -12.5 stays a number.
 * - Dates (Date) as ISO 8601 in UTC: 2025-03-01T09:30:00.000Z.
 * - null and undefined as empty cells; so are NaN, ±Infinity and invalid dates, which no
 *   spreadsheet can hold as such.
 * - Text (and headers) beginning with = + - @ tab or CR is prefixed with `'` so a spreadsheet
 *   shows it instead of evaluating it (OWASP, CSV injection).
 * - A cell containing the separator, `"`, CR or LF is quoted, with quotes doubled (RFC 4180);
 *   every row, the last too, ends with CRLF (RFC 4180).
 */

import BigNumberJS from "bignumber.js"

export type CsvLocale = "en" | "fr" | "de" | "lb"

export type CsvColumn = {
  /** The row property the column shows. */
  key: string
  /** The column's title, as written on the first line. */
  header: string
}

export const CSV_BOM = "\uFEFF"
export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8"

const EOL = "\r\n"

/** Characters a spreadsheet reads as the start of a formula (OWASP: = + - @ tab, CR). */
const FORMULA_START = /^[=+\-@\t\r]/

const SEPARATOR: Record<CsvLocale, string> = { en: ",", fr: ";", de: ";", lb: ";" }
const DECIMAL_MARK: Record<CsvLocale, string> = { en: ".", fr: ",", de: ",", lb: "," }

/** The separator for a locale: "," for en, ";" for fr, de and lb. */
export function csvSeparator(locale: CsvLocale): string {
  const separator = SEPARATOR[locale]
  if (!separator) throw new Error(`locale must be one of en, fr, de, lb (got ${String(locale)})`)
  return separator
}

/**
 * A number held as an object: bignumber.js (any copy of it); Medusa's BigNumber (its `bigNumber`
 * or its `raw`); or a raw amount as Medusa stores it (`{ value: "12.50", precision: 20 }`).
 */
function bigNumberOf(value: unknown): BigNumberJS | undefined {
  if (BigNumberJS.isBigNumber(value)) return value
  if (typeof value !== "object" || value === null) return undefined
  const held = value as { bigNumber?: unknown; raw?: unknown; value?: unknown; precision?: unknown }
  if (BigNumberJS.isBigNumber(held.bigNumber)) return held.bigNumber
  if ("raw" in held && "numeric" in held) return bigNumberOf(held.raw)
  if (typeof held.precision === "number" && (typeof held.value === "string" || typeof held.value === "number")) {
    return new BigNumberJS(held.value)
  }
  return undefined
}

/**
 * A finite number in plain notation (no exponent, no grouping: 1e21 -> "1000000000000000000000",
 * -0 -> "0") with the locale's decimal mark; "" when not finite.
 */
function formatNumber(value: BigNumberJS, locale: CsvLocale): string {
  if (!value.isFinite()) return ""
  return value.toFixed().replace(".", DECIMAL_MARK[locale])
}

/** Quoted (quotes doubled) when it holds the separator, a quote, CR or LF: RFC 4180. */
function quote(cell: string, separator: string): string {
  return cell.includes(separator) || /["\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell
}

/** Text with the formula guard: "=SUM(A1)" -> "'=SUM(A1)". */
function guardText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/**
 * A decimal written with exactly its digits ("5.00" stays 5,00 in French, where a number would
 * lose its trailing zeros): money in a currency's precision. Still a number to the spreadsheet.
 */
export class CsvDecimal {
  constructor(readonly text: string) {
    if (!/^-?\d+(\.\d+)?$/.test(text)) throw new Error(`a CSV decimal must be written like -12.50 (got ${text})`)
  }
}

/** One cell as written between separators (already guarded and quoted). */
export function csvCell(value: unknown, locale: CsvLocale): string {
  const separator = csvSeparator(locale)
  if (value === null || value === undefined) return ""
  if (value instanceof CsvDecimal) return value.text.replace(".", DECIMAL_MARK[locale])
  if (typeof value === "number") return formatNumber(new BigNumberJS(value), locale)
  if (typeof value === "bigint") return value.toString()
  const big = bigNumberOf(value)
  if (big) return formatNumber(big, locale)
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString()
  if (typeof value === "boolean") return value ? "true" : "false"
  const text = typeof value === "string" ? value : textOf(value)
  return quote(guardText(text), separator)
}

function textOf(value: unknown): string {
  if (typeof value === "object" && value !== null && value.toString === Object.prototype.toString) {
    try {
      return JSON.stringify(value) ?? ""
    } catch {
      return String(value)
    }
  }
  return String(value)
}

/**
 * The whole file: BOM, the header line, then one line per row, the columns in the order given
 * and each row's `key` property in it (missing properties are empty cells).
 */
export function toCsv(columns: CsvColumn[], rows: Record<string, unknown>[], locale: CsvLocale): string {
  const separator = csvSeparator(locale)
  const lines = [columns.map((column) => quote(guardText(column.header), separator)).join(separator)]
  for (const row of rows) {
    lines.push(columns.map((column) => csvCell(row[column.key], locale)).join(separator))
  }
  return CSV_BOM + lines.map((line) => line + EOL).join("")
}

/**
 * A file name for a download: the base in lower case with anything but letters, digits, `-`
 * and `_` made `-`, and the UTC date: ("Points issued", 2025-03-01) -> "points-issued-2025-03-01.csv".
 */
export function csvFileName(base: string, date: Date = new Date()): string {
  if (Number.isNaN(date.getTime())) throw new Error("date must be a valid Date")
  const slug =
    base
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, "-")
      .replace(/^-+|-+$/g, "") || "export"
  return `${slug}-${date.toISOString().slice(0, 10)}.csv`
}
