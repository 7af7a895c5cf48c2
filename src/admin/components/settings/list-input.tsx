import { Plus, XMark } from "@medusajs/icons"
import { Button, IconButton, Input } from "@medusajs/ui"
import { useTranslation } from "react-i18next"

type ListInputProps = {
  /** Id of the first input (the row's label points at it); the others get `-1`, `-2`, … */
  id: string
  values: string[]
  onChange: (values: string[]) => void
  placeholder?: string
  addLabel: string
}

/** A list setting: one input per entry, each removable, and "add" for one more. */
export const ListInput = ({ id, values, onChange, placeholder, addLabel }: ListInputProps) => {
  const { t } = useTranslation("rewardflow")
  const rows = values.length ? values : [""]
  const set = (i: number, value: string) => onChange(rows.map((v, j) => (j === i ? value : v)))
  return (
    <div className="flex flex-col gap-y-2">
      {rows.map((value, i) => (
        <div key={i} className="flex items-center gap-x-2">
          <Input id={i ? `${id}-${i}` : id} placeholder={placeholder} value={value} onChange={(e) => set(i, e.target.value)} />
          <IconButton
            size="small"
            variant="transparent"
            type="button"
            aria-label={t("settings.removeItem")}
            disabled={rows.length === 1 && !value}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            <XMark />
          </IconButton>
        </div>
      ))}
      <div>
        <Button size="small" variant="secondary" type="button" onClick={() => onChange([...rows, ""])}>
          <Plus />
          {addLabel}
        </Button>
      </div>
    </div>
  )
}
