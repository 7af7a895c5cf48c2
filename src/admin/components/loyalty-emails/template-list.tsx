import { Badge, Container, Heading, Table, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { Link, useNavigate } from "react-router-dom"
import { emailKeys, fetchTemplates, fetchUsers, EMAIL_LOCALES, type AdminUserSummary, type EmailTemplate } from "../../lib/email-api"
import { texts } from "./texts"

const t = texts.templates

export const templateName = (key: string) => texts.templateNames[key] ?? key

export function userName(users: Map<string, AdminUserSummary> | undefined, id: string | null) {
  if (!id) return t.seeded
  const user = users?.get(id)
  if (!user) return t.unknownUser(id)
  const name = [user.first_name, user.last_name].filter(Boolean).join(" ")
  return name ? `${name} (${user.email})` : user.email
}

export const formatDate = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })

/** The templates grouped by key, one row per locale (en, fr, de, lb); a row opens the editor. */
export const TemplateList = () => {
  const navigate = useNavigate()
  const templates = useQuery({ queryKey: emailKeys.templates, queryFn: fetchTemplates })
  // Only to name the last editor: without it, the user id is shown.
  const users = useQuery({ queryKey: emailKeys.users, queryFn: fetchUsers, retry: false })

  if (templates.isPending) return <Text size="small" className="px-6 py-4">{t.loading}</Text>
  if (templates.isError) {
    return (
      <Text size="small" className="text-ui-fg-error px-6 py-4">
        {templates.error.message}
      </Text>
    )
  }
  const byKey = new Map<string, EmailTemplate[]>()
  for (const template of templates.data.templates) {
    byKey.set(template.key, [...(byKey.get(template.key) ?? []), template])
  }
  if (!byKey.size) return <Text size="small" className="px-6 py-4">{t.none}</Text>
  const order = (l: string) => EMAIL_LOCALES.indexOf(l as (typeof EMAIL_LOCALES)[number])
  // In the order a member meets them (enrollment first); unknown keys last.
  const lifecycle = Object.keys(texts.templateNames)
  const rank = (key: string) => (lifecycle.includes(key) ? lifecycle.indexOf(key) : lifecycle.length)
  const groups = [...byKey.entries()].sort(([a], [b]) => rank(a) - rank(b))

  return (
    <div className="flex flex-col gap-y-3">
      {groups.map(([key, rows]) => (
        <Container key={key} className="divide-y p-0" data-testid={`rewardflow-email-template-group-${key}`}>
          <div className="flex items-center gap-x-3 px-6 py-4">
            <Heading level="h2">{templateName(key)}</Heading>
            <Text size="small" className="text-ui-fg-muted font-mono">
              {key}
            </Text>
          </div>
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>{t.locale}</Table.HeaderCell>
                <Table.HeaderCell>{t.subject}</Table.HeaderCell>
                <Table.HeaderCell>{t.status}</Table.HeaderCell>
                <Table.HeaderCell>{t.lastEditor}</Table.HeaderCell>
                <Table.HeaderCell>{t.updated}</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {[...rows].sort((a, b) => order(a.locale) - order(b.locale)).map((row) => (
                <Table.Row
                  key={row.id}
                  className="cursor-pointer"
                  data-testid={`rewardflow-email-template-${key}-${row.locale}`}
                  onClick={() => navigate(`/settings/loyalty-emails/templates/${row.id}`)}
                >
                  <Table.Cell>
                    <Link to={`/settings/loyalty-emails/templates/${row.id}`} onClick={(e) => e.stopPropagation()}>
                      <span className="font-mono uppercase">{row.locale}</span> {texts.localeNames[row.locale]}
                    </Link>
                  </Table.Cell>
                  <Table.Cell className="max-w-md truncate">{row.subject}</Table.Cell>
                  <Table.Cell>
                    <Badge size="2xsmall" color={row.is_active ? "green" : "grey"}>
                      {row.is_active ? t.active : t.inactive}
                    </Badge>
                  </Table.Cell>
                  <Table.Cell>{userName(users.data, row.updated_by)}</Table.Cell>
                  <Table.Cell>{formatDate(row.updated_at)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </Container>
      ))}
    </div>
  )
}
