import { Badge, Button, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { Fragment, useState } from "react"
import { useTranslation } from "react-i18next"
import { emailLogKeys, resendEmail, type EmailAttempt, type EmailLogEntry } from "../../lib/email-log-api"

/** Literal keys (not built), so the texts test sees every one the screen uses. */
export const STATUS_LABEL: Record<string, string> = {
  queued: "email_log.status.queued",
  sending: "email_log.status.sending",
  sent: "email_log.status.sent",
  retrying: "email_log.status.retrying",
  failed: "email_log.status.failed",
}
const STATUS_COLOR: Record<string, "green" | "orange" | "red" | "blue" | "grey"> = {
  sent: "green",
  retrying: "orange",
  failed: "red",
  sending: "blue",
  queued: "grey",
}
const TEMPLATE_LABEL: Record<string, string> = {
  loyalty_enrollment: "email_log.templates.loyalty_enrollment",
  loyalty_welcome_bonus: "email_log.templates.loyalty_welcome_bonus",
  loyalty_points_earned: "email_log.templates.loyalty_points_earned",
  loyalty_reward_ready: "email_log.templates.loyalty_reward_ready",
  loyalty_points_expiring: "email_log.templates.loyalty_points_expiring",
  loyalty_tier_changed: "email_log.templates.loyalty_tier_changed",
  loyalty_birthday_bonus: "email_log.templates.loyalty_birthday_bonus",
  loyalty_referral_bonus: "email_log.templates.loyalty_referral_bonus",
  settings_test: "email_log.templates.settings_test",
}
const LOCALE_LABEL: Record<string, string> = { en: "locales.en", fr: "locales.fr", de: "locales.de", lb: "locales.lb" }

/** A date in the admin's language. */
export const formatWhen = (iso: string, language: string) =>
  new Date(iso).toLocaleString(language, { dateStyle: "medium", timeStyle: "short" })

export const StatusBadge = ({ status }: { status: string }) => {
  const { t } = useTranslation("rewardflow")
  return (
    <Badge size="2xsmall" color={STATUS_COLOR[status] ?? "grey"}>
      {STATUS_LABEL[status] ? t(STATUS_LABEL[status]) : status}
    </Badge>
  )
}

/** Each attempt, oldest first: when, outcome, the provider and from address used, the error or the server's answer. */
const Attempts = ({ email }: { email: EmailLogEntry }) => {
  const { t, i18n } = useTranslation("rewardflow")
  const history: EmailAttempt[] = email.attempt_history ?? []
  const resent = new Set((email.context?.resends ?? []).map((r) => r.attempt))
  if (!history.length) return <Text size="small" className="text-ui-fg-subtle">{t("email_log.no_attempt")}</Text>
  return (
    <ol className="flex flex-col gap-y-2" data-testid={`rewardflow-email-log-attempts-${email.id}`}>
      {history.map((a, i) => (
        <li key={i} className="flex flex-col gap-y-0.5" data-testid="rewardflow-email-log-attempt">
          <div className="flex flex-wrap items-center gap-x-2">
            <Text size="small" weight="plus">
              {t("email_log.attempt", { n: i + 1 })}
            </Text>
            <StatusBadge status={a.status} />
            <Text size="small" className="text-ui-fg-subtle">
              {formatWhen(a.at, i18n.language)}
            </Text>
            {resent.has(i + 1) ? (
              <Badge size="2xsmall" color="purple">
                {t("email_log.resent")}
              </Badge>
            ) : null}
          </div>
          <Text size="small" className="text-ui-fg-subtle">
            {t("email_log.provider")}: {a.provider ?? "-"} · {t("email_log.from")}: {a.from_address ?? "-"}
          </Text>
          {a.error ? (
            <Text size="small" className="text-ui-fg-error break-all">
              {t("email_log.error")}: {a.error}
            </Text>
          ) : a.response ? (
            <Text size="small" className="text-ui-fg-subtle break-all">
              {t("email_log.response")}: {a.response}
            </Text>
          ) : null}
        </li>
      ))}
    </ol>
  )
}

/** One mail of the log, its attempts on demand, and "send again" (confirmed) when it failed. */
export const EmailLogRow = ({ email }: { email: EmailLogEntry }) => {
  const { t, i18n } = useTranslation("rewardflow")
  const [open, setOpen] = useState(false)
  const prompt = usePrompt()
  const queryClient = useQueryClient()
  const resend = useMutation({
    mutationFn: () => resendEmail(email.id),
    onSuccess: (after) => {
      if (after.status === "sent") toast.success(t("email_log.resent_sent", { recipient: after.recipient }))
      else toast.error(t("email_log.resent_failed", { recipient: after.recipient, error: after.error ?? "" }))
      setOpen(true)
    },
    onError: (e: Error) => toast.error(e.message),
    onSettled: () => queryClient.invalidateQueries({ queryKey: emailLogKeys.all }),
  })

  const confirmResend = async () => {
    const confirmed = await prompt({
      title: t("email_log.resend_title"),
      description: t("email_log.resend_description", { recipient: email.recipient, subject: email.subject }),
      confirmText: t("email_log.resend"),
      cancelText: t("common.cancel"),
      variant: "confirmation",
    })
    if (confirmed) resend.mutate()
  }

  const template = TEMPLATE_LABEL[email.template_key] ? t(TEMPLATE_LABEL[email.template_key]) : email.template_key
  return (
    <Fragment>
      <Table.Row data-testid={`rewardflow-email-log-row-${email.id}`}>
        <Table.Cell>{formatWhen(email.created_at, i18n.language)}</Table.Cell>
        <Table.Cell className="break-all">{email.recipient}</Table.Cell>
        <Table.Cell>
          <span title={email.subject}>{template}</span>
        </Table.Cell>
        <Table.Cell>{email.locale ? (LOCALE_LABEL[email.locale] ? t(LOCALE_LABEL[email.locale]) : email.locale) : "-"}</Table.Cell>
        <Table.Cell>
          <StatusBadge status={email.status} />
        </Table.Cell>
        <Table.Cell>{email.attempts}</Table.Cell>
        <Table.Cell className="break-all">
          {email.provider ? `${email.provider} · ${email.from_address ?? "-"}` : "-"}
        </Table.Cell>
        <Table.Cell>
          <div className="flex justify-end gap-x-2">
            <Button size="small" variant="transparent" onClick={() => setOpen(!open)} aria-expanded={open}>
              {open ? t("email_log.hide") : t("email_log.details")}
            </Button>
            {email.status === "failed" ? (
              <Button size="small" variant="secondary" isLoading={resend.isPending} onClick={confirmResend}>
                {t("email_log.resend")}
              </Button>
            ) : null}
          </div>
        </Table.Cell>
      </Table.Row>
      {open ? (
        <Table.Row className="bg-ui-bg-subtle hover:bg-ui-bg-subtle">
          {/* A plain cell: Table.Cell's props have no colSpan. */}
          <td colSpan={8} className="px-6 py-3">
            <div className="flex flex-col gap-y-2">
              <Text size="small">
                <span className="text-ui-fg-subtle">{t("email_log.subject")}:</span> {email.subject}
              </Text>
              {email.status === "retrying" && email.next_attempt_at ? (
                <Text size="small" className="text-ui-fg-subtle">
                  {t("email_log.next_attempt", { date: formatWhen(email.next_attempt_at, i18n.language) })}
                </Text>
              ) : null}
              <Attempts email={email} />
            </div>
          </td>
        </Table.Row>
      ) : null}
    </Fragment>
  )
}
