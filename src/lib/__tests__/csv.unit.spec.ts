import { BigNumber } from "@medusajs/framework/utils"
import BigNumberJS from "bignumber.js"
import { CSV_BOM, CSV_CONTENT_TYPE, csvCell, csvFileName, csvSeparator, toCsv, type CsvColumn } from "../csv"

/** Bytes of a text that is plain ASCII (checked), so the expected files do not rely on an encoder. */
function ascii(text: string): Buffer {
  for (const char of text) if (char.charCodeAt(0) > 0x7f) throw new Error(`not ASCII: ${char}`)
  return Buffer.from(text, "ascii")
}
const BOM = Buffer.from([0xef, 0xbb, 0xbf])
const E_ACUTE = Buffer.from([0xc3, 0xa9]) // é in UTF-8
const bytes = (out: string) => Buffer.from(out, "utf8")

const COLUMNS: CsvColumn[] = [
  { key: "name", header: "Name" },
  { key: "points", header: "Points" },
  { key: "amount", header: "Amount" },
  { key: "at", header: "Date" },
  { key: "note", header: "Note" },
]
const ROWS: Record<string, unknown>[] = [
  {
    name: "Zoé",
    points: -120,
    amount: new BigNumberJS("1234.5"),
    at: new Date(Date.UTC(2025, 2, 1, 9, 30, 0, 7)),
    note: "=SUM(A1:A2)",
  },
  { name: 'Say "hi", ok', points: 0, amount: null, at: undefined, note: "a\nb" },
  { name: "1,5 kg; net", points: 2.25, amount: 1e21, note: "@home" },
]

describe("toCsv, byte for byte", () => {
  it("writes en with a BOM, commas, a dot as decimal mark, and CRLF after every row", () => {
    const expected = Buffer.concat([
      BOM,
      ascii("Name,Points,Amount,Date,Note\r\n"),
      ascii("Zo"),
      E_ACUTE,
      ascii(",-120,1234.5,2025-03-01T09:30:00.007Z,'=SUM(A1:A2)\r\n"),
      ascii('"Say ""hi"", ok",0,,,"a\nb"\r\n'),
      ascii('"1,5 kg; net",2.25,1000000000000000000000,,\'@home\r\n'),
    ])
    const out = toCsv(COLUMNS, ROWS, "en")
    expect(bytes(out).equals(expected)).toBe(true)
    expect(bytes(out).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    expect(out.startsWith("\uFEFF")).toBe(true)
  })

  it("writes fr with a BOM, semicolons and a comma as decimal mark", () => {
    const expected = Buffer.concat([
      BOM,
      ascii("Name;Points;Amount;Date;Note\r\n"),
      ascii("Zo"),
      E_ACUTE,
      ascii(";-120;1234,5;2025-03-01T09:30:00.007Z;'=SUM(A1:A2)\r\n"),
      ascii('"Say ""hi"", ok";0;;;"a\nb"\r\n'),
      ascii('"1,5 kg; net";2,25;1000000000000000000000;;\'@home\r\n'),
    ])
    expect(bytes(toCsv(COLUMNS, ROWS, "fr")).equals(expected)).toBe(true)
  })

  it("writes de and lb as fr", () => {
    expect(toCsv(COLUMNS, ROWS, "de")).toBe(toCsv(COLUMNS, ROWS, "fr"))
    expect(toCsv(COLUMNS, ROWS, "lb")).toBe(toCsv(COLUMNS, ROWS, "fr"))
  })

  it("writes the header line alone when there are no rows, and nothing but the BOM without columns", () => {
    expect(bytes(toCsv(COLUMNS.slice(0, 2), [], "en")).equals(Buffer.concat([BOM, ascii("Name,Points\r\n")]))).toBe(
      true
    )
    expect(toCsv([], [], "fr")).toBe("\uFEFF\r\n")
  })

  it("guards and quotes headers as text", () => {
    const out = toCsv(
      [
        { key: "a", header: "-Balance" },
        { key: "b", header: "Points; total" },
      ],
      [{ a: 1, b: 2 }],
      "de"
    )
    expect(out).toBe("\uFEFF'-Balance;\"Points; total\"\r\n1;2\r\n")
  })

  it("takes the columns in the order given and leaves missing properties empty", () => {
    const out = toCsv(
      [
        { key: "b", header: "B" },
        { key: "a", header: "A" },
        { key: "missing", header: "M" },
      ],
      [{ a: "x", b: "y", extra: "ignored" }],
      "en"
    )
    expect(out).toBe("\uFEFFB,A,M\r\ny,x,\r\n")
  })
})

describe("the formula-injection guard (OWASP CSV injection)", () => {
  const prefixes = ["=", "+", "-", "@", "\t", "\r"]

  it.each(prefixes.map((prefix) => [JSON.stringify(prefix), prefix]))(
    "prefixes text beginning with %s with a quote",
    (_name, prefix) => {
      const text = `${prefix}1+1`
      const guarded = `'${text}`
      // CR also needs quoting (RFC 4180); the others do not.
      const written = prefix === "\r" ? `"${guarded}"` : guarded
      expect(csvCell(text, "en")).toBe(written)
      expect(csvCell(text, "fr")).toBe(written)
      expect(toCsv([{ key: "t", header: "T" }], [{ t: text }], "en")).toBe(`\uFEFFT\r\n${written}\r\n`)
    }
  )

  it("writes the classic payloads as text", () => {
    expect(csvCell('=HYPERLINK("http://evil.example","Click")', "en")).toBe(
      `"'=HYPERLINK(""http://evil.example"",""Click"")"`
    )
    expect(csvCell("=cmd|' /C calc'!A0", "fr")).toBe("'=cmd|' /C calc'!A0")
    expect(csvCell("@SUM(1+1)", "en")).toBe("'@SUM(1+1)")
    expect(csvCell("+33 6 12 34 56 78", "fr")).toBe("'+33 6 12 34 56 78")
    expect(csvCell("-5", "en")).toBe("'-5") // text that looks like a number is still text
    expect(csvCell("\t=1", "en")).toBe("'\t=1")
  })

  it("leaves text alone when the character is not the first, or is not one of them", () => {
    expect(csvCell("a=b", "en")).toBe("a=b")
    expect(csvCell("1+1", "en")).toBe("1+1")
    expect(csvCell("x@example.com", "en")).toBe("x@example.com")
    expect(csvCell("'quoted", "en")).toBe("'quoted")
    expect(csvCell("", "en")).toBe("")
    expect(csvCell("\nline", "en")).toBe('"\nline"') // LF is not a formula start, only quoted
  })

  it("never prefixes numbers, negative ones included", () => {
    expect(csvCell(-5, "en")).toBe("-5")
    expect(csvCell(-1234.56, "fr")).toBe("-1234,56")
    expect(csvCell(BigInt(-42), "de")).toBe("-42")
    expect(csvCell(new BigNumberJS("-0.5"), "lb")).toBe("-0,5")
    expect(csvCell(new BigNumber(-7.25), "en")).toBe("-7.25")
    expect(toCsv([{ key: "n", header: "N" }], [{ n: -3 }], "en")).toBe("\uFEFFN\r\n-3\r\n")
  })
})

describe("quoting (RFC 4180)", () => {
  it("quotes a cell holding the separator, a quote, CR or LF, doubling quotes", () => {
    expect(csvCell("a,b", "en")).toBe('"a,b"')
    expect(csvCell("a;b", "en")).toBe("a;b")
    expect(csvCell("a;b", "fr")).toBe('"a;b"')
    expect(csvCell("a,b", "fr")).toBe("a,b")
    expect(csvCell('say "hi"', "en")).toBe('"say ""hi"""')
    expect(csvCell('"', "fr")).toBe('""""')
    expect(csvCell("a\r\nb", "en")).toBe('"a\r\nb"')
    expect(csvCell("a\rb", "fr")).toBe('"a\rb"')
    expect(csvCell("a\nb", "de")).toBe('"a\nb"')
    expect(csvCell("plain text", "en")).toBe("plain text")
  })

  it("guards first, then quotes", () => {
    expect(csvCell('=A1,"x"', "en")).toBe(`"'=A1,""x"""`)
    expect(csvCell("=A1;B1", "fr")).toBe(`"'=A1;B1"`)
  })
})

describe("numbers and decimal marks", () => {
  it("writes a dot for en and a comma for fr, de and lb, without grouping or exponent", () => {
    expect(csvCell(1234567.891, "en")).toBe("1234567.891")
    expect(csvCell(1234567.891, "fr")).toBe("1234567,891")
    expect(csvCell(1234567.891, "de")).toBe("1234567,891")
    expect(csvCell(1234567.891, "lb")).toBe("1234567,891")
    expect(csvCell(0.1 + 0.2, "en")).toBe("0.30000000000000004") // the number as given, not rounded
    expect(csvCell(1e21, "en")).toBe("1000000000000000000000")
    expect(csvCell(1e-7, "fr")).toBe("0,0000001")
    expect(csvCell(-0, "en")).toBe("0")
    expect(csvCell(42, "fr")).toBe("42")
  })

  it("writes bigint, bignumber.js and Medusa BigNumber values exactly", () => {
    expect(csvCell(BigInt("12345678901234567890"), "fr")).toBe("12345678901234567890")
    expect(csvCell(new BigNumberJS("8842.29717411121239744758"), "en")).toBe("8842.29717411121239744758")
    expect(csvCell(new BigNumberJS("8842.29717411121239744758"), "fr")).toBe("8842,29717411121239744758")
    expect(csvCell(new BigNumberJS("1e30"), "en")).toBe("1000000000000000000000000000000")
    expect(csvCell(new BigNumberJS(BigNumberJS.clone()("2.5")), "de")).toBe("2,5")
    expect(csvCell(BigNumberJS.clone()("2.5"), "de")).toBe("2,5")
    expect(csvCell(new BigNumber("19.99"), "fr")).toBe("19,99")
    expect(csvCell(new BigNumber({ value: "12.500000000000000000", precision: 20 }), "en")).toBe("12.5")
    expect(csvCell({ value: "12.5", precision: 20 }, "fr")).toBe("12,5") // a raw amount as stored
  })

  it("leaves NaN, infinities and invalid dates empty", () => {
    expect(csvCell(NaN, "en")).toBe("")
    expect(csvCell(Infinity, "fr")).toBe("")
    expect(csvCell(-Infinity, "en")).toBe("")
    expect(csvCell(new BigNumberJS(NaN), "en")).toBe("")
    expect(csvCell(new Date("not a date"), "en")).toBe("")
  })
})

describe("other values", () => {
  it("writes dates as ISO 8601 in UTC, whatever the locale", () => {
    const date = new Date("2025-12-31T23:59:59.999+02:00")
    expect(csvCell(date, "en")).toBe("2025-12-31T21:59:59.999Z")
    expect(csvCell(date, "fr")).toBe("2025-12-31T21:59:59.999Z")
    expect(csvCell(new Date(0), "de")).toBe("1970-01-01T00:00:00.000Z")
  })

  it("writes null and undefined as empty cells, booleans as words, other values as guarded text", () => {
    expect(csvCell(null, "en")).toBe("")
    expect(csvCell(undefined, "fr")).toBe("")
    expect(csvCell(true, "en")).toBe("true")
    expect(csvCell(false, "fr")).toBe("false")
    expect(csvCell({ a: 1, b: "x" }, "en")).toBe('"{""a"":1,""b"":""x""}"')
    expect(csvCell({ a: 1 }, "fr")).toBe('"{""a"":1}"')
    expect(csvCell(["=1", 2], "fr")).toBe("'=1,2") // an array as its list, guarded
    expect(csvCell({ toString: () => "-custom" }, "en")).toBe("'-custom")
  })

  it("keeps UTF-8 text as it is", () => {
    expect(bytes(csvCell("Lëtzebuerg", "lb")).equals(Buffer.concat([ascii("L"), Buffer.from([0xc3, 0xab]), ascii("tzebuerg")]))).toBe(
      true
    )
    expect(csvCell("Größe", "de")).toBe("Größe")
  })
})

describe("helpers", () => {
  it("gives each locale's separator and refuses other locales", () => {
    expect(csvSeparator("en")).toBe(",")
    expect(csvSeparator("fr")).toBe(";")
    expect(csvSeparator("de")).toBe(";")
    expect(csvSeparator("lb")).toBe(";")
    expect(() => csvSeparator("es" as never)).toThrow(/locale/)
    expect(() => toCsv(COLUMNS, ROWS, "xx" as never)).toThrow(/locale/)
  })

  it("exports the BOM and the content type", () => {
    expect(CSV_BOM).toBe("\uFEFF")
    expect(CSV_CONTENT_TYPE).toBe("text/csv; charset=utf-8")
  })

  it("names files from a base and the UTC date", () => {
    expect(csvFileName("points-issued", new Date("2025-03-01T10:00:00Z"))).toBe("points-issued-2025-03-01.csv")
    expect(csvFileName("Points émis / période", new Date("2025-03-01T23:30:00-02:00"))).toBe(
      "points-emis-periode-2025-03-02.csv"
    )
    expect(csvFileName("  ", new Date("2025-03-01T00:00:00Z"))).toBe("export-2025-03-01.csv")
    expect(() => csvFileName("x", new Date("nope"))).toThrow(/date/)
  })
})
