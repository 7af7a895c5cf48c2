import { Container, Heading, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { Link } from "react-router-dom"
import { formatMoment } from "../../lib/analytics-format"
import type { Readiness, ReadinessEvidence, ReadinessLine } from "../../lib/readiness-api"
import { ReadinessStatusBadge } from "./readiness-status"

const evidenceValue = (value: ReadinessEvidence["value"]) => (value === null || value === undefined || value === "" ? "–" : String(value))

/** One check: its translated title and status, the server's summary and evidence as given, the link to the screen that fixes it. */
const LineRow = ({ line }: { line: ReadinessLine }) => {
  const { t, i18n } = useTranslation("rewardflow")
  return (
    <li className="flex flex-col gap-y-2 px-6 py-4" data-testid={`rewardflow-readiness-${line.id}`} data-status={line.status}>
      <div className="flex items-center justify-between gap-x-4">
        <div className="flex items-center gap-x-3">
          <Text size="small" weight="plus">
            {t(`go_live.lines.${line.id}`, { defaultValue: line.id })}
          </Text>
          <ReadinessStatusBadge status={line.status} />
        </div>
        {line.fix_path ? (
          <Link to={line.fix_path} className="txt-compact-small text-ui-fg-interactive hover:text-ui-fg-interactive-hover">
            {t("go_live.fix")}
          </Link>
        ) : null}
      </div>
      <Text size="small" className="text-ui-fg-subtle" data-testid={`rewardflow-readiness-${line.id}-summary`}>
        {line.summary}
      </Text>
      {line.evidence.length ? (
        <dl className="grid gap-x-4 gap-y-1 text-sm" style={{ gridTemplateColumns: "minmax(10rem, max-content) 1fr" }}>
          {line.evidence.map((e, i) => (
            <div key={`${e.label}-${i}`} className="contents">
              <dt className="text-ui-fg-subtle">{e.label}</dt>
              <dd className="text-ui-fg-base">
                {evidenceValue(e.value)}
                {e.checked_at || e.source ? (
                  <span className="text-ui-fg-muted">
                    {" "}
                    ({[e.checked_at ? t("go_live.checked_at", { date: formatMoment(e.checked_at, i18n.language) }) : null, e.source ?? null]
                      .filter(Boolean)
                      .join(", ")}
                    )
                  </span>
                ) : null}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
    </li>
  )
}

/** The board: the overall status, when it was checked, whether the program is live, one row per line. */
export const ReadinessBoard = ({ readiness, wentLiveBy }: { readiness: Readiness; wentLiveBy: string | null }) => {
  const { t, i18n } = useTranslation("rewardflow")
  return (
    <Container className="divide-y p-0" data-testid="rewardflow-readiness">
      <div className="flex items-start justify-between gap-x-4 px-6 py-4">
        <div className="flex flex-col gap-y-1">
          <Heading level="h2">{t("go_live.board_title")}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t("go_live.checked_at", { date: formatMoment(readiness.checked_at, i18n.language) })}
          </Text>
          <Text size="small" data-testid="rewardflow-readiness-live">
            {readiness.went_live_at
              ? t("go_live.went_live", { date: formatMoment(readiness.went_live_at, i18n.language), by: wentLiveBy ?? "–" })
              : t("go_live.not_live")}
          </Text>
        </div>
        <div className="flex items-center gap-x-2">
          <Text size="small" className="text-ui-fg-subtle">
            {t("go_live.overall")}
          </Text>
          <ReadinessStatusBadge status={readiness.status} testId="rewardflow-readiness-status" />
        </div>
      </div>
      <ul className="divide-y">
        {readiness.lines.map((line) => (
          <LineRow key={line.id} line={line} />
        ))}
      </ul>
    </Container>
  )
}
