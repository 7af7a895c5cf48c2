import { Badge } from "@medusajs/ui"
import type { SettingSource } from "../../lib/layered-setting"

const SOURCE_COLORS: Record<SettingSource, "purple" | "blue" | "orange" | "grey"> = {
  database: "purple",
  options: "blue",
  env: "orange",
  default: "grey",
}

/**
 * Where an effective setting comes from: saved in the admin, plugin option, env var or
 * default; "-" when no layer sets it. The source names are the API's, not translated.
 */
export const SettingSourceBadge = ({ source, testId }: { source: SettingSource | null | undefined; testId?: string }) =>
  source ? (
    <Badge color={SOURCE_COLORS[source]} size="2xsmall" data-testid={testId}>
      {source}
    </Badge>
  ) : (
    <span className="text-ui-fg-muted" data-testid={testId}>
      -
    </span>
  )
