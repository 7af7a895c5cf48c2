import { Button, Container, Heading, Label, Select, Table, Text } from "@medusajs/ui"
import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { EMAIL_LOG_STATUSES, emailLogKeys, fetchEmailLog, type EmailLogStatus } from "../../lib/email-log-api"
import { EmailLogRow, STATUS_LABEL } from "./email-log-row"

const PAGE_SIZE = 20
const ALL = "all"

/**
 * Settings > Loyalty emails, tab "Email log": every mail newest first (members' mails and the
 * test mails), with recipient, template, language, status and attempts, the provider and from
 * address actually used, each attempt's error, and "send again" for a failed one.
 */
export const EmailLog = () => {
  const { t } = useTranslation("rewardflow")
  const [status, setStatus] = useState<EmailLogStatus | null>(null)
  const [pageIndex, setPageIndex] = useState(0)
  const log = useQuery({
    queryKey: emailLogKeys.page(status, pageIndex * PAGE_SIZE, PAGE_SIZE),
    queryFn: () => fetchEmailLog({ status, offset: pageIndex * PAGE_SIZE, limit: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  })
  const count = log.data?.count ?? 0
  const pageCount = Math.max(1, Math.ceil(count / PAGE_SIZE))

  return (
    <Container className="divide-y p-0" data-testid="rewardflow-email-log">
      <div className="flex flex-wrap items-start justify-between gap-4 px-6 py-4">
        <div>
          <Heading level="h2">{t("email_log.title")}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t("email_log.subtitle")}
          </Text>
        </div>
        <div className="flex items-center gap-x-2">
          <Label size="small" htmlFor="rewardflow-email-log-status">
            {t("email_log.filter")}
          </Label>
          <Select
            value={status ?? ALL}
            onValueChange={(v) => {
              setStatus(v === ALL ? null : (v as EmailLogStatus))
              setPageIndex(0)
            }}
          >
            <Select.Trigger id="rewardflow-email-log-status" className="w-44">
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              <Select.Item value={ALL}>{t("email_log.all")}</Select.Item>
              {EMAIL_LOG_STATUSES.map((s) => (
                <Select.Item key={s} value={s}>
                  {t(STATUS_LABEL[s])}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
          <Button size="small" variant="secondary" onClick={() => log.refetch()} isLoading={log.isFetching && !log.isPending}>
            {t("email_log.refresh")}
          </Button>
        </div>
      </div>
      {log.isPending ? (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          {t("email_log.loading")}
        </Text>
      ) : log.isError ? (
        <Text size="small" className="text-ui-fg-error px-6 py-4" role="alert">
          {(log.error as Error).message}
        </Text>
      ) : !log.data.emails.length ? (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4" data-testid="rewardflow-email-log-empty">
          {status ? t("email_log.empty_status") : t("email_log.empty")}
        </Text>
      ) : (
        <div>
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>{t("email_log.columns.date")}</Table.HeaderCell>
                <Table.HeaderCell>{t("email_log.columns.recipient")}</Table.HeaderCell>
                <Table.HeaderCell>{t("email_log.columns.template")}</Table.HeaderCell>
                <Table.HeaderCell>{t("email_log.columns.locale")}</Table.HeaderCell>
                <Table.HeaderCell>{t("email_log.columns.status")}</Table.HeaderCell>
                <Table.HeaderCell>{t("email_log.columns.attempts")}</Table.HeaderCell>
                <Table.HeaderCell>{t("email_log.columns.sent_with")}</Table.HeaderCell>
                <Table.HeaderCell />
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {log.data.emails.map((email) => (
                <EmailLogRow key={email.id} email={email} />
              ))}
            </Table.Body>
          </Table>
          <Table.Pagination
            count={count}
            pageSize={PAGE_SIZE}
            pageIndex={pageIndex}
            pageCount={pageCount}
            canPreviousPage={pageIndex > 0}
            canNextPage={pageIndex + 1 < pageCount}
            previousPage={() => setPageIndex((p) => Math.max(0, p - 1))}
            nextPage={() => setPageIndex((p) => Math.min(pageCount - 1, p + 1))}
            translations={{
              of: t("rewards.pagination.of"),
              results: t("rewards.pagination.results"),
              pages: t("rewards.pagination.pages"),
              prev: t("rewards.pagination.prev"),
              next: t("rewards.pagination.next"),
            }}
          />
        </div>
      )}
    </Container>
  )
}
