import { Badge } from "@medusajs/ui"

type Source = "database" | "options" | "env" | "default"

const SOURCE_COLORS: Record<Source, "purple" | "blue" | "orange" | "grey"> = {
  database: "purple",
  options: "blue",
  env: "orange",
  default: "grey",
}

/**
 * Where an effective setting comes from: saved in the admin, plugin option, env var or
 * default; "-" when no layer sets it.
 */
export const SettingSourceBadge = ({ source, testId }: { source: Source | null | undefined; testId?: string }) =>
  source ? (
    <Badge color={SOURCE_COLORS[source]} size="2xsmall" data-testid={testId}>
      {source}
    </Badge>
  ) : (
    <span className="text-ui-fg-muted" data-testid={testId}>
      -
    </span>
  )
