import { Text } from "@medusajs/ui"

/** One headline figure: its label, the value already formatted, and an optional line below. */
export type Stat = { id: string; label: string; value: string; hint?: string }

// Inline: the host app's Tailwind build has only the classes the dashboard itself uses.
const GRID = { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(10rem, 1fr))", gap: "0.75rem" }

/** The section's totals as a row of figures (test id `rewardflow-stat-<id>` on each value). */
export const StatGrid = ({ stats }: { stats: Stat[] }) => (
  <dl style={GRID}>
    {stats.map((s) => (
      <div key={s.id} className="flex flex-col gap-y-1 rounded-md border px-3 py-2">
        <dt>
          <Text size="xsmall" className="text-ui-fg-subtle">
            {s.label}
          </Text>
        </dt>
        <dd>
          <Text size="large" weight="plus" data-testid={`rewardflow-stat-${s.id}`}>
            {s.value}
          </Text>
          {s.hint ? (
            <Text size="xsmall" className="text-ui-fg-muted">
              {s.hint}
            </Text>
          ) : null}
        </dd>
      </div>
    ))}
  </dl>
)
