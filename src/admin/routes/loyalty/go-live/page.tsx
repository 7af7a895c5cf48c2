import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Container, Heading, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { useTranslation } from "react-i18next"
import { DeviceCheckCard } from "../../../components/go-live/device-check-card"
import { GoLiveCard } from "../../../components/go-live/go-live-card"
import { ReadinessBoard } from "../../../components/go-live/readiness-board"
import { TestDataCard } from "../../../components/go-live/test-data-card"
import { fetchReadiness, readinessKeys } from "../../../lib/readiness-api"
import { sdk } from "../../../lib/sdk"

/** Who went live, as a merchant knows them: the admin user's email when `went_live_by` is a user id. */
function useWentLiveBy(by: string | null | undefined) {
  const isUser = !!by && by.startsWith("user_")
  const user = useQuery({
    queryKey: ["rewardflow", "user", by],
    queryFn: () => sdk.admin.user.retrieve(by!, { fields: "id,email" }),
    enabled: isUser,
    retry: false,
  })
  return user.data?.user.email ?? by ?? null
}

/**
 * Loyalty > Go live: the readiness board (one line per check, its evidence and the screen that
 * fixes it), the real-device Wallet check, the test data and its clean-up, and the "Go live" action.
 */
const GoLivePage = () => {
  const { t } = useTranslation("rewardflow")
  const readiness = useQuery({ queryKey: readinessKeys.board, queryFn: fetchReadiness })
  const wentLiveBy = useWentLiveBy(readiness.data?.went_live_by)
  return (
    <div className="flex flex-col gap-y-3" data-testid="rewardflow-go-live-page">
      <Container className="px-6 py-4">
        <Heading level="h1">{t("go_live.title")}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {t("go_live.subtitle")}
        </Text>
      </Container>
      {readiness.isError ? (
        <Container className="px-6 py-4">
          <Text size="small" className="text-ui-fg-error" role="alert">
            {t("go_live.load_error", { message: (readiness.error as Error).message })}
          </Text>
        </Container>
      ) : !readiness.data ? (
        <Container className="px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">
            {t("go_live.loading")}
          </Text>
        </Container>
      ) : (
        <>
          <ReadinessBoard readiness={readiness.data} wentLiveBy={wentLiveBy} />
          <DeviceCheckCard />
          <TestDataCard />
          <GoLiveCard readiness={readiness.data} />
        </>
      )}
    </div>
  )
}

// Under Loyalty in the sidebar, last.
export const config = defineRouteConfig({ label: "menu.go_live", translationNs: "rewardflow", rank: 3 })

export default GoLivePage
