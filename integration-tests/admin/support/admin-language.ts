/**
 * The admin's language switched the way a merchant does it (profile, Edit, Language): the
 * dashboard keeps it for this browser, so other parts' browsers stay in English.
 */
import type { AdminSession } from "./admin-session"

/** Profile > Edit > Language > `displayName` ("Français", "Deutsch"), saved. */
export async function switchLanguage(s: AdminSession, displayName: string) {
  await s.page.goto(s.url("/app/settings/profile/edit"))
  const drawer = s.page.getByRole("dialog")
  await drawer.getByRole("combobox").click()
  await s.page.getByRole("option", { name: displayName, exact: true }).click()
  await drawer.locator("button[type=submit]").click()
  await drawer.waitFor({ state: "hidden" })
}
