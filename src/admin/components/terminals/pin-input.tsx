import { Input } from "@medusajs/ui"

/** A new PIN typed by the admin: digits only on phones, never remembered by the browser. */
export const PinInput = ({ id, value, onChange }: { id: string; value: string; onChange: (pin: string) => void }) => (
  <Input id={id} type="password" inputMode="numeric" autoComplete="new-password" maxLength={8} value={value} onChange={(e) => onChange(e.target.value)} />
)
