import { Container, Heading, Tabs, Text } from "@medusajs/ui"
import type { EmailPreview } from "../../lib/email-api"
import { texts } from "./texts"

const t = texts.editor

/**
 * The preview pane: the rendered subject, the HTML part in a sandboxed frame (no scripts, no
 * same-origin access) and the text part.
 */
export const TemplatePreview = ({ preview, error, pending }: { preview?: EmailPreview; error: Error | null; pending: boolean }) => (
  <Container className="flex flex-col gap-y-3 p-0" data-testid="rewardflow-email-preview">
    <div className="flex items-center justify-between px-6 pt-4">
      <Heading level="h2">{t.preview}</Heading>
      <Text size="small" className="text-ui-fg-muted">
        {pending ? "…" : preview ? t.previewLocale(texts.localeNames[preview.locale] ?? preview.locale) : ""}
      </Text>
    </div>
    <Text size="small" className="text-ui-fg-subtle px-6">
      {t.previewHint}
    </Text>
    {preview && preview.locale !== preview.requested_locale && (
      <Text size="small" className="text-ui-fg-subtle px-6" data-testid="rewardflow-email-preview-fallback">
        {t.previewFallback(preview.requested_locale, preview.locale)}
      </Text>
    )}
    {error && (
      <Text size="small" className="text-ui-fg-error px-6" data-testid="rewardflow-email-preview-error">
        {t.previewError} {error.message}
      </Text>
    )}
    {preview && (
      <div className={error ? "opacity-50" : undefined}>
        <div className="border-ui-border-base border-y px-6 py-3">
          <Text size="small" className="text-ui-fg-muted">
            {texts.editor.subject}
          </Text>
          <Text weight="plus" data-testid="rewardflow-email-preview-subject">
            {preview.subject}
          </Text>
        </div>
        <Tabs defaultValue="html" className="px-6 py-3">
          <Tabs.List>
            <Tabs.Trigger value="html">{t.previewHtml}</Tabs.Trigger>
            <Tabs.Trigger value="text">{t.previewText}</Tabs.Trigger>
          </Tabs.List>
          <Tabs.Content value="html" className="pt-3">
            <iframe
              title={t.preview}
              sandbox=""
              srcDoc={preview.html}
              className="border-ui-border-base w-full rounded-md border"
              style={{ height: 640, background: "#fff" }}
              data-testid="rewardflow-email-preview-html"
            />
          </Tabs.Content>
          <Tabs.Content value="text" className="pt-3">
            <pre className="bg-ui-bg-subtle whitespace-pre-wrap rounded-md p-3 text-sm" data-testid="rewardflow-email-preview-text">
              {preview.text}
            </pre>
          </Tabs.Content>
        </Tabs>
      </div>
    )}
  </Container>
)
