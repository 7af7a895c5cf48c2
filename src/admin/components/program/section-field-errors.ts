import { messageAt, messagesNotShown } from "../../lib/program-general-api"
import type { useProgramSection } from "./use-program-section"

type Section = ReturnType<typeof useProgramSection<any>>

/**
 * The API's messages of a section whose fields are nested ("earn_rates.eur.points",
 * "liability_estimate.point_value"): `at(path)` is the message under that field, and the card's
 * own message is whatever names none of the `shown` paths, so that no message is lost.
 */
export function sectionFieldErrors<S extends Section>(section: S, shown: readonly string[]) {
  const error = section.save.error
  return {
    at: (path: string) => messageAt(error, path),
    card: { ...section, generalError: error ? messagesNotShown(error, shown) : null },
  }
}
