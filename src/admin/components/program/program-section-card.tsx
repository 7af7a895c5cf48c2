import { Button, Container, Heading, Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { useTranslation } from "react-i18next"
import type { useProgramSection } from "./use-program-section"

type Section = Pick<ReturnType<typeof useProgramSection<unknown>>, "query" | "draft" | "dirty" | "save" | "generalError">

/**
 * A section of the Program page: heading, the section's inputs (once the program is loaded),
 * the API's message when it names no field, and Save (off until something changed).
 */
export const ProgramSectionCard = ({
  testId,
  heading,
  subtitle,
  section,
  children,
}: {
  testId: string
  heading: string
  subtitle: string
  section: Section
  children: ReactNode
}) => {
  const { t } = useTranslation("rewardflow")
  return (
    <Container className="divide-y p-0" data-testid={testId}>
      <div className="px-6 py-4">
        <Heading level="h2">{heading}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {subtitle}
        </Text>
      </div>
      {section.query.isError ? (
        <Text size="small" className="px-6 py-4 text-ui-fg-error" role="alert">
          {(section.query.error as Error).message}
        </Text>
      ) : !section.draft ? (
        <Text size="small" className="px-6 py-4 text-ui-fg-subtle">
          {t("program.loading")}
        </Text>
      ) : (
        <form
          className="flex flex-col gap-y-6 px-6 py-4"
          // The API checks every value and says what is wrong under the field; the browser's own
          // checks (min, max) would stop the form before it asks.
          noValidate
          onSubmit={(e) => {
            e.preventDefault()
            section.save.mutate()
          }}
        >
          {children}
          {section.generalError ? (
            <Text size="small" className="text-ui-fg-error" role="alert" data-testid={`${testId}-error`}>
              {section.generalError}
            </Text>
          ) : null}
          <div className="flex justify-end">
            <Button size="small" type="submit" disabled={!section.dirty} isLoading={section.save.isPending}>
              {t("common.save")}
            </Button>
          </div>
        </form>
      )}
    </Container>
  )
}
