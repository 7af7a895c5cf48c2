import { Input, Label, Select, Text } from "@medusajs/ui"
import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { rewardKeys, searchVariants, type VariantChoice } from "../../lib/rewards-api"

export const variantLabel = (v: VariantChoice) =>
  [v.product_title, v.title && v.title !== v.product_title ? v.title : null, v.sku ? `(${v.sku})` : null]
    .filter(Boolean)
    .join(" · ")

/** Debounces typing so that the product search runs once the merchant pauses. */
function useDebounced(value: string, ms = 300) {
  const [debounced, setDebounced] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms)
    return () => clearTimeout(timer)
  }, [value, ms])
  return debounced
}

/** Searches the store's products and picks one variant (the free product). */
export const VariantPicker = ({ value, onChange }: { value: VariantChoice | null; onChange: (v: VariantChoice) => void }) => {
  const { t } = useTranslation("rewardflow")
  const [q, setQ] = useState("")
  const search = useDebounced(q.trim())
  const results = useQuery({
    queryKey: rewardKeys.variantSearch(search),
    queryFn: () => searchVariants(search),
    placeholderData: keepPreviousData,
  })
  const options = [...(results.data ?? [])]
  if (value && !options.some((o) => o.id === value.id)) options.unshift(value)

  return (
    <div className="flex flex-col gap-y-2">
      <Label htmlFor="rewardflow-reward-product-search">{t("form.productSearch")}</Label>
      <Input id="rewardflow-reward-product-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      <Label htmlFor="rewardflow-reward-product">{t("form.product")}</Label>
      <Select value={value?.id ?? ""} onValueChange={(id) => onChange(options.find((o) => o.id === id)!)}>
        <Select.Trigger id="rewardflow-reward-product">
          <Select.Value placeholder={t("form.productPick")} />
        </Select.Trigger>
        <Select.Content>
          {options.map((o) => (
            <Select.Item key={o.id} value={o.id}>
              {variantLabel(o)}
            </Select.Item>
          ))}
        </Select.Content>
      </Select>
      {results.isSuccess && !options.length ? (
        <Text size="small" className="text-ui-fg-subtle">
          {t("form.productNone")}
        </Text>
      ) : null}
    </div>
  )
}
