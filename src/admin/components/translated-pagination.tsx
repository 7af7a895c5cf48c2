import { DataTable } from "@medusajs/ui"
import { useTranslation } from "react-i18next"

/** DataTable's pagination with its words in the admin's language (inside a `DataTable`). */
export const TranslatedPagination = () => {
  const { t } = useTranslation("rewardflow")
  return (
    <DataTable.Pagination
      translations={{
        of: t("rewards.pagination.of"),
        results: t("rewards.pagination.results"),
        pages: t("rewards.pagination.pages"),
        prev: t("rewards.pagination.prev"),
        next: t("rewards.pagination.next"),
      }}
    />
  )
}
