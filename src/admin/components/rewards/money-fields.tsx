import { CurrencyInput, Label, Text } from "@medusajs/ui"
import { currencyDigits } from "../../lib/reward-display"

/** "€" for eur, "$" for usd...; the code itself when the browser knows no symbol. */
function currencySymbol(code: string) {
  try {
    const parts = new Intl.NumberFormat("en", { style: "currency", currency: code, currencyDisplay: "narrowSymbol" }).formatToParts(0)
    return parts.find((p) => p.type === "currency")?.value ?? code.toUpperCase()
  } catch {
    return code.toUpperCase()
  }
}

/**
 * One amount input per store currency, as typed ("" when empty). `decimals` limits the
 * digits after the point: by default the currency's own (EUR 2, JPY 0, KWD 3), more for the
 * value of one point.
 */
export const MoneyFields = ({
  id,
  label,
  hint,
  currencies,
  value,
  onChange,
  decimals,
}: {
  id: string
  label: string
  hint?: string
  currencies: string[]
  value: Record<string, string>
  onChange: (next: Record<string, string>) => void
  decimals?: number
}) => (
  <div className="flex flex-col gap-y-2">
    <Text size="small" weight="plus" leading="compact">
      {label}
    </Text>
    {hint ? (
      <Text size="small" className="text-ui-fg-subtle">
        {hint}
      </Text>
    ) : null}
    <div className="grid grid-cols-2 gap-4">
      {currencies.map((code) => (
        <div key={code} className="flex flex-col gap-y-1">
          <Label htmlFor={`${id}-${code}`} size="xsmall" className="text-ui-fg-subtle">
            {`${label} (${code.toUpperCase()})`}
          </Label>
          <CurrencyInput
            id={`${id}-${code}`}
            symbol={currencySymbol(code)}
            code={code.toUpperCase()}
            decimalsLimit={decimals ?? currencyDigits(code)}
            allowNegativeValue={false}
            value={value[code] ?? ""}
            onValueChange={(v) => onChange({ ...value, [code]: v ?? "" })}
          />
        </div>
      ))}
    </div>
  </div>
)
