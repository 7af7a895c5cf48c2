import { Badge, Button, Container, Heading, Input, Label, Table, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { diagnoseEmail, fetchCurrentUser, sendSettingsTest, type DiagnoseStep, type SettingsTestResult } from "../../lib/email-api"
import { texts } from "./texts"

const t = texts.checks
const STATUS_COLORS = { ok: "green", failed: "red", skipped: "grey" } as const
const MAIL_COLORS: Record<string, "green" | "orange" | "red"> = { sent: "green", retrying: "orange", failed: "red" }

/** What the test mail was actually sent with, as the API reports it. */
const TestResult = ({ result }: { result: SettingsTestResult }) => {
  const rows: [string, string | number | null][] = [
    [t.provider, result.delivery.provider],
    [t.host, result.delivery.host],
    [t.port, result.delivery.port],
    [t.security, result.delivery.security],
    [t.from, result.delivery.from && result.delivery.from_name ? `${result.delivery.from_name} <${result.delivery.from}>` : result.delivery.from],
    [t.user, result.delivery.user],
  ]
  return (
    <div className="flex flex-col gap-y-2" data-testid="rewardflow-email-test-mail-result">
      <div className="flex items-center gap-x-2">
        <Badge size="2xsmall" color={MAIL_COLORS[result.status] ?? "grey"}>
          {t.testStatus(result.status)}
        </Badge>
        {result.error && (
          <Text size="small" className="text-ui-fg-error">
            {t.error}: {result.error}
          </Text>
        )}
      </div>
      <Text size="small" weight="plus">
        {t.used}
      </Text>
      <dl className="grid gap-x-4 gap-y-1 text-sm" style={{ gridTemplateColumns: "8rem 1fr" }}>
        {rows.map(([label, value]) => (
          <div key={label} className="contents" data-testid={`rewardflow-email-test-mail-${label.toLowerCase()}`}>
            <dt className="text-ui-fg-subtle">{label}</dt>
            <dd>{value ?? "-"}</dd>
          </div>
        ))}
      </dl>
    </div>
  )
}

const StepRow = ({ step }: { step: DiagnoseStep }) => (
  <Table.Row data-testid={`rewardflow-email-diagnose-${step.step}-${step.target}`}>
    <Table.Cell>{t.stepNames[step.step] ?? step.step}</Table.Cell>
    <Table.Cell className="font-mono">{step.target}</Table.Cell>
    <Table.Cell>
      <Badge size="2xsmall" color={STATUS_COLORS[step.status]}>
        {t.statusNames[step.status] ?? step.status}
      </Badge>
    </Table.Cell>
    <Table.Cell className={step.error ? "text-ui-fg-error whitespace-normal" : "whitespace-normal"}>{step.error ?? step.detail ?? ""}</Table.Cell>
    <Table.Cell>{t.ms(step.ms)}</Table.Cell>
  </Table.Row>
)

/** "Send test mail" (shows what was used) and "Diagnose" (DNS, TCP, TLS, login, step by step). */
export const EmailChecks = () => {
  const me = useQuery({ queryKey: ["rewardflow", "me"], queryFn: fetchCurrentUser, retry: false })
  const [to, setTo] = useState<string | null>(null)
  const address = to ?? me.data?.email ?? ""
  const test = useMutation({ mutationFn: () => sendSettingsTest(address), onError: (e: Error) => toast.error(e.message) })
  const diagnosis = useMutation({ mutationFn: diagnoseEmail, onError: (e: Error) => toast.error(e.message) })

  return (
    <Container className="divide-y p-0" data-testid="rewardflow-email-checks">
      <div className="px-6 py-4">
        <Heading level="h2">{t.title}</Heading>
      </div>
      <div className="flex flex-col gap-y-3 px-6 py-4">
        <Label htmlFor="rewardflow-email-settings-test-to" weight="plus">
          {t.testTo}
        </Label>
        <div className="flex gap-x-2" style={{ maxWidth: "36rem" }}>
          <Input id="rewardflow-email-settings-test-to" type="email" value={address} onChange={(e) => setTo(e.target.value)} />
          <Button size="small" variant="secondary" disabled={!address} isLoading={test.isPending} onClick={() => test.mutate()}>
            {t.sendTest}
          </Button>
        </div>
        {test.isError && (
          <Text size="small" className="text-ui-fg-error" data-testid="rewardflow-email-test-mail-error">
            {test.error.message}
          </Text>
        )}
        {test.data && <TestResult result={test.data} />}
      </div>
      <div className="flex flex-col gap-y-3 px-6 py-4" data-testid="rewardflow-email-diagnosis">
        <div className="flex items-center justify-between gap-x-4">
          <Text size="small" className="text-ui-fg-subtle">
            {t.diagnoseHint}
          </Text>
          <Button size="small" variant="secondary" isLoading={diagnosis.isPending} onClick={() => diagnosis.mutate()}>
            {t.diagnose}
          </Button>
        </div>
        {diagnosis.data?.note && <Text size="small">{diagnosis.data.note}</Text>}
        {!!diagnosis.data?.steps.length && (
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>{t.step}</Table.HeaderCell>
                <Table.HeaderCell>{t.target}</Table.HeaderCell>
                <Table.HeaderCell>{t.result}</Table.HeaderCell>
                <Table.HeaderCell>{t.details}</Table.HeaderCell>
                <Table.HeaderCell>{t.time}</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {diagnosis.data.steps.map((step, i) => (
                <StepRow key={`${step.step}-${step.target}-${i}`} step={step} />
              ))}
            </Table.Body>
          </Table>
        )}
      </div>
    </Container>
  )
}
