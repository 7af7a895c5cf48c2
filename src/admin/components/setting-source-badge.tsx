import { Badge } from "@medusajs/ui"

type Source = "database" | "options" | "env" | "default"

const SOURCE_COLORS: Record<Source, "purple" | "blue" | "orange" | "grey"> = {
  database: "purple",
  options: "blue",
  env: "orange",
  default: "grey",
}

/** Where an effective setting comes from: saved in the admin, plugin option, env var or default. */
export const SettingSourceBadge = ({ source, testId }: { source: Source | null | undefined; testId?: string }) => (
  <Badge color={source ? SOURCE_COLORS[source] : "grey"} size="2xsmall" data-testid={testId}>
    {source ?? "not set"}
  </Badge>
)
