import { Button, Container, Heading, Text, toast, usePrompt } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useTranslation } from "react-i18next"
import { formatCount } from "../../lib/analytics-format"
import { cleanUpTestData, fetchTestDataCounts, readinessKeys, type CleanUpResult } from "../../lib/readiness-api"
import { StatGrid } from "../analytics/stat-grid"

/** What the last clean-up removed and whether the ledger's invariants held after it. */
const CleanUpOutcome = ({ result }: { result: CleanUpResult }) => {
  const { t, i18n } = useTranslation("rewardflow")
  const ok = result.invariants.drift === 0
  return (
    <Text size="small" className={ok ? "text-ui-fg-subtle" : "text-ui-fg-error"} role="status" data-testid="rewardflow-test-data-outcome">
      {t("go_live.test_data.removed", {
        accounts: formatCount(result.removed.accounts ?? 0, i18n.language),
        entries: formatCount(result.removed.entries ?? 0, i18n.language),
        orders: formatCount(result.removed.orders ?? 0, i18n.language),
      })}{" "}
      {t(ok ? "go_live.test_data.invariants_ok" : "go_live.test_data.invariants_broken", { drift: formatCount(result.invariants.drift, i18n.language) })}
    </Text>
  )
}

/** The accounts, ledger entries and orders flagged as test, and their confirmed clean-up (nothing else is touched). */
export const TestDataCard = () => {
  const { t, i18n } = useTranslation("rewardflow")
  const queryClient = useQueryClient()
  const prompt = usePrompt()
  const counts = useQuery({ queryKey: readinessKeys.testData, queryFn: fetchTestDataCounts })
  const cleanUp = useMutation({
    mutationFn: cleanUpTestData,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: readinessKeys.all }),
    onError: (e: Error) => toast.error(e.message),
  })
  const c = counts.data
  const none = !!c && c.accounts + c.entries + c.orders === 0

  const confirm = async () => {
    if (!c) return
    const confirmed = await prompt({
      title: t("go_live.test_data.confirm_title"),
      description: t("go_live.test_data.confirm_description", {
        accounts: formatCount(c.accounts, i18n.language),
        entries: formatCount(c.entries, i18n.language),
        orders: formatCount(c.orders, i18n.language),
      }),
      confirmText: t("go_live.test_data.confirm"),
      cancelText: t("common.cancel"),
    })
    if (confirmed) cleanUp.mutate()
  }

  return (
    <Container className="divide-y p-0" data-testid="rewardflow-test-data">
      <div className="flex items-start justify-between gap-x-4 px-6 py-4">
        <div>
          <Heading level="h2">{t("go_live.test_data.title")}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t("go_live.test_data.subtitle")}
          </Text>
        </div>
        <Button size="small" variant="danger" disabled={!c || none} isLoading={cleanUp.isPending} onClick={confirm}>
          {t("go_live.test_data.clean_up")}
        </Button>
      </div>
      <div className="flex flex-col gap-y-3 px-6 py-4">
        {counts.isError ? (
          <Text size="small" className="text-ui-fg-error" role="alert">
            {(counts.error as Error).message}
          </Text>
        ) : !c ? (
          <Text size="small" className="text-ui-fg-subtle">
            {t("go_live.loading")}
          </Text>
        ) : (
          <StatGrid
            stats={[
              { id: "test-accounts", label: t("go_live.test_data.accounts"), value: formatCount(c.accounts, i18n.language) },
              { id: "test-entries", label: t("go_live.test_data.entries"), value: formatCount(c.entries, i18n.language) },
              { id: "test-orders", label: t("go_live.test_data.orders"), value: formatCount(c.orders, i18n.language) },
            ]}
          />
        )}
        {none ? (
          <Text size="small" className="text-ui-fg-subtle">
            {t("go_live.test_data.none")}
          </Text>
        ) : null}
        {cleanUp.data ? <CleanUpOutcome result={cleanUp.data} /> : null}
      </div>
    </Container>
  )
}
