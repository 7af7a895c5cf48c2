import { toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import type { LayeredSetting, LayeredSettingsView } from "../../lib/layered-setting"
import { fieldOfError } from "./api-error"

/** What an input holds: text, a switch, or a list of texts. */
export type DraftValue = string | boolean | string[]
export type Draft = Record<string, DraftValue>

// A list's empty entries (an added row left blank) are not values.
const normal = (v: DraftValue) => (Array.isArray(v) ? v.filter((x) => x.trim() !== "") : v)
const same = (a: DraftValue, b: DraftValue) => JSON.stringify(normal(a)) === JSON.stringify(normal(b))

/** What an untouched input shows for a setting: its effective value (secrets: nothing, ever). */
export function inputValueOf(setting: LayeredSetting): DraftValue {
  if (setting.secret) return ""
  if (typeof setting.value === "boolean") return setting.value
  if (Array.isArray(setting.value)) return setting.value.map(String)
  return setting.value === null || setting.value === undefined ? "" : String(setting.value)
}

export type SettingsFormOptions<V extends LayeredSettingsView> = {
  queryKey: readonly unknown[]
  fetch: () => Promise<V>
  save: (patch: Record<string, unknown>) => Promise<V>
  /** The request body for the changed fields (e.g. "587" -> 587); default: as typed. */
  toPatch?: (draft: Draft) => Record<string, unknown>
  savedText: string
  resetText: (name: string) => string
}

/**
 * State of a layered settings form (email delivery, Google Wallet): the fields changed here
 * (only those are saved, and become "database"), reset of one field to env/option (sends
 * null), and the field an API 400 is about, so the page shows the message beside it.
 */
export function useSettingsForm<V extends LayeredSettingsView>(options: SettingsFormOptions<V>) {
  const queryClient = useQueryClient()
  const query = useQuery({ queryKey: options.queryKey, queryFn: options.fetch })
  const [draft, setDraft] = useState<Draft>({})
  const applied = (view: V) => queryClient.setQueryData(options.queryKey, view)

  const save = useMutation({
    mutationFn: () => options.save(options.toPatch ? options.toPatch(draft) : draft),
    onSuccess: (view) => {
      applied(view)
      setDraft({}) // also drops any secret typed here from the page
      toast.success(options.savedText)
    },
    onError: (e: Error) => toast.error(e.message),
  })
  const reset = useMutation({
    mutationFn: (name: string) => options.save({ [name]: null }),
    onSuccess: (view, name) => {
      applied(view)
      setDraft(({ [name]: _, ...rest }) => rest)
      toast.success(options.resetText(name))
    },
    onError: (e: Error) => toast.error(e.message),
  })

  const settings = query.data?.settings ?? {}
  const error = save.error ?? reset.error
  const errorField = fieldOfError(error, Object.keys(settings))

  /** Records an edit; back to the effective value (or an emptied secret) is no change. */
  const change = (name: string, value: DraftValue) => {
    save.reset()
    reset.reset()
    setDraft(({ [name]: _, ...rest }) => {
      const setting = settings[name]
      const unchanged = setting?.secret ? value === "" : setting && same(value, inputValueOf(setting))
      return unchanged ? rest : { ...rest, [name]: value }
    })
  }

  return {
    query,
    view: query.data,
    draft,
    dirty: Object.keys(draft).length > 0,
    valueOf: (name: string) => draft[name] ?? (settings[name] ? inputValueOf(settings[name]) : ""),
    change,
    save,
    reset,
    discard: () => {
      save.reset()
      setDraft({})
    },
    /** The API's message for `name` when it is about that field. */
    errorFor: (name: string) => (errorField === name ? error!.message : null),
    /** The API's message when it names no field of the form. */
    generalError: error && !errorField ? error.message : null,
  }
}

export type SettingsForm = ReturnType<typeof useSettingsForm>
