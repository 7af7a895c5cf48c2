import { Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { useTranslation } from "react-i18next"

/**
 * What a card of the Terminals page shows while its data is not there: the API's message on an
 * error, "Loading…", or an empty state with a heading and a hint; else its children.
 */
export const SectionState = ({
  query,
  isEmpty,
  empty,
  testId,
  children,
}: {
  query: { isError: boolean; error: unknown; isPending: boolean }
  isEmpty: boolean
  empty: { heading: string; description: string }
  testId: string
  children: ReactNode
}) => {
  const { t } = useTranslation("rewardflow")
  if (query.isError) {
    return (
      <Text size="small" className="px-6 py-4 text-ui-fg-error" role="alert" data-testid={`${testId}-error`}>
        {t("terminals.load_error", { message: (query.error as Error).message })}
      </Text>
    )
  }
  if (query.isPending) {
    return (
      <Text size="small" className="px-6 py-4 text-ui-fg-subtle" data-testid={`${testId}-loading`}>
        {t("terminals.loading")}
      </Text>
    )
  }
  if (isEmpty) {
    return (
      <div className="flex flex-col items-center gap-y-1 px-6 py-8" data-testid={`${testId}-empty`}>
        <Text size="small" weight="plus">
          {empty.heading}
        </Text>
        <Text size="small" className="text-ui-fg-subtle">
          {empty.description}
        </Text>
      </div>
    )
  }
  return <>{children}</>
}
