import { Button, Container, Heading, Label, Switch, Text, Textarea, toast, usePrompt } from "@medusajs/ui"
import { useMutation } from "@tanstack/react-query"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { formatDateTime } from "../../lib/loyalty-display"
import { setMemberStatus, setMemberTest, type MemberDetail } from "../../lib/members-api"
import { MemberStatusBadge } from "./member-status-badge"

/** The API's message under the field it names (`reason: ...`), or as a line of its own. */
const fieldError = (error: Error | null, field: string) => (error && error.message.includes(field) ? error.message : null)

/**
 * Block or unblock the member with a reason (asked, then confirmed), the history of those
 * changes, and the "test data" flag that the go-live clean-up acts on.
 */
export const MemberStatusCard = ({ detail, adminNames, onChanged }: { detail: MemberDetail; adminNames: Record<string, string>; onChanged: () => void }) => {
  const { t, i18n } = useTranslation("rewardflow")
  const prompt = usePrompt()
  const [reason, setReason] = useState("")
  const { account } = detail
  const next = account.status === "active" ? "blocked" : "active"

  const status = useMutation({
    mutationFn: () => setMemberStatus(account.id, next, reason.trim()),
    onSuccess: ({ account: saved }) => {
      toast.success(t(saved.status === "blocked" ? "members.block.blocked" : "members.block.unblocked"))
      setReason("")
      onChanged()
    },
  })
  const testFlag = useMutation({
    mutationFn: (isTest: boolean) => setMemberTest(account.id, isTest),
    onSuccess: ({ account: saved }) => {
      toast.success(t(saved.is_test ? "members.test.flagged" : "members.test.unflagged"))
      onChanged()
    },
    onError: (e: Error) => toast.error(e.message),
  })

  const confirmStatus = async () => {
    const confirmed = await prompt({
      title: t(next === "blocked" ? "members.block.confirmBlockTitle" : "members.block.confirmUnblockTitle"),
      description: t(next === "blocked" ? "members.block.confirmBlock" : "members.block.confirmUnblock", { reason: reason.trim() }),
      confirmText: t(next === "blocked" ? "members.block.block" : "members.block.unblock"),
      cancelText: t("common.cancel"),
    })
    if (confirmed) status.mutate()
  }
  const reasonError = fieldError(status.error as Error | null, "reason")

  return (
    <Container className="divide-y p-0" data-testid="rewardflow-member-status-card">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">{t("members.block.heading")}</Heading>
        <MemberStatusBadge status={account.status} />
      </div>
      <div className="flex flex-col gap-y-2 px-6 py-4">
        <Text size="small" className="text-ui-fg-subtle">
          {t(account.status === "active" ? "members.block.explainBlock" : "members.block.explainUnblock")}
        </Text>
        <Label htmlFor="rewardflow-member-status-reason">{t("members.block.reason")}</Label>
        <Textarea id="rewardflow-member-status-reason" value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={!!reasonError} />
        {reasonError ? <Text size="small" className="text-ui-fg-error">{reasonError}</Text> : null}
        {status.isError && !reasonError ? <Text size="small" className="text-ui-fg-error">{(status.error as Error).message}</Text> : null}
        <div className="flex justify-end">
          <Button size="small" variant={next === "blocked" ? "danger" : "secondary"} disabled={!reason.trim()} isLoading={status.isPending} onClick={confirmStatus}>
            {t(next === "blocked" ? "members.block.block" : "members.block.unblock")}
          </Button>
        </div>
      </div>
      {account.status_history.length ? (
        <ul className="flex flex-col gap-y-1 px-6 py-4" data-testid="rewardflow-member-status-history">
          {account.status_history.map((c) => (
            <li key={`${c.at}-${c.status}`}>
              <Text size="small">
                {t(c.status === "blocked" ? "members.block.historyBlocked" : "members.block.historyUnblocked", {
                  date: formatDateTime(c.at, i18n.language),
                  by: (c.actor_user_id && adminNames[c.actor_user_id]) || c.actor_user_id || "–",
                  reason: c.reason ?? "–",
                })}
              </Text>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex items-start justify-between gap-4 px-6 py-4">
        <div>
          <Label htmlFor="rewardflow-member-test">{t("members.test.label")}</Label>
          <Text size="small" className="text-ui-fg-subtle">{t("members.test.explain")}</Text>
        </div>
        <Switch id="rewardflow-member-test" checked={account.is_test} disabled={testFlag.isPending} onCheckedChange={(v) => testFlag.mutate(v)} />
      </div>
    </Container>
  )
}
