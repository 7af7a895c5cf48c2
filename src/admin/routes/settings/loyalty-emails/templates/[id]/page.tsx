import { Container, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { useParams } from "react-router-dom"
import { TemplateEditor } from "../../../../../components/loyalty-emails/template-editor"
import { texts } from "../../../../../components/loyalty-emails/texts"
import { emailKeys, fetchTemplate } from "../../../../../lib/email-api"

/** Settings > Loyalty emails > one template (key x locale). */
const LoyaltyEmailTemplatePage = () => {
  const { id } = useParams()
  const template = useQuery({ queryKey: emailKeys.template(id!), queryFn: () => fetchTemplate(id!), enabled: !!id })
  if (template.isPending) return <Container className="px-6 py-4"><Text size="small">{texts.templates.loading}</Text></Container>
  if (template.isError) {
    return (
      <Container className="px-6 py-4">
        <Text size="small" className="text-ui-fg-error">
          {(template.error as { status?: number }).status === 404 ? texts.editor.notFound : template.error.message}
        </Text>
      </Container>
    )
  }
  return <TemplateEditor template={template.data.template} variables={template.data.variables} />
}

export default LoyaltyEmailTemplatePage
