import { toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { fetchProgramSettings, programKeys, saveProgramSettings, type ProgramSettings, type ProgramSettingsBody } from "../../lib/program-api"
import { fieldOfError, messageUnderField } from "../settings/api-error"

export type ProgramSectionOptions<D> = {
  /** The API fields this section sends: an API message about one of them is shown under it. */
  fields: readonly (keyof ProgramSettingsBody)[]
  toDraft: (program: ProgramSettings) => D
  toBody: (draft: D) => Record<string, unknown>
}

/**
 * One section of the Program page: its inputs as typed (from the program until edited), Save
 * (`POST /admin/loyalty/program` with the section's fields only), and the API's message under the
 * field it names. Saving one section leaves another section's unsaved edits alone.
 */
export function useProgramSection<D>({ fields, toDraft, toBody }: ProgramSectionOptions<D>) {
  const { t } = useTranslation("rewardflow")
  const queryClient = useQueryClient()
  const query = useQuery({ queryKey: programKeys.program, queryFn: fetchProgramSettings })
  const [draft, setDraft] = useState<D | null>(null)
  const [dirty, setDirty] = useState(false)

  useEffect(() => {
    if (query.data && !dirty) setDraft(toDraft(query.data as ProgramSettings))
    // Only a new program resets the inputs, and only while they hold no edit.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query.data])

  const save = useMutation({
    mutationFn: () => saveProgramSettings(toBody(draft!) as ProgramSettingsBody),
    onSuccess: (program) => {
      setDirty(false)
      setDraft(toDraft(program))
      queryClient.setQueryData(programKeys.program, program)
      toast.success(t("program.saved"))
    },
  })
  const errorField = fieldOfError(save.error, fields as readonly string[])

  return {
    query,
    draft,
    dirty,
    set: (patch: Partial<D>) => {
      save.reset()
      setDirty(true)
      setDraft((d) => (d ? { ...d, ...patch } : d))
    },
    save,
    /** The API's message when it is about `field`. */
    errorFor: (field: keyof ProgramSettingsBody) => (errorField === field ? messageUnderField(save.error) : null),
    /** The API's message when it names none of the section's fields. */
    generalError: save.error && !errorField ? save.error.message : null,
  }
}
