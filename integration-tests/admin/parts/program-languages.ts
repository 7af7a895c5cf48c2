/**
 * Loyalty > Program in French and German, in the real Medusa admin, in headless Chromium: the
 * admin's language switched the way a merchant does it (profile, Edit, Language), then the page's
 * headings, labels, hints and the tier's name and numbers in that language.
 *
 * A part of admin.spec.ts, on the host app every part shares. It runs after the tiers part (the
 * tier "Gold", "Or" in French, multiplier 2) and the settings part (pending points on, so the
 * days field is shown). The language is this part's browser's own (a cookie): other parts keep English.
 */
import path from "node:path"
import { switchLanguage } from "../support/admin-language"
import { adminSuite, type AdminSession, type SharedHost } from "../support/admin-session"

/** Registers the part's tests in the enclosing `describe`. */
export function programLanguagesTests(shared: SharedHost) {
  const suite = adminSuite(shared)
  let s: AdminSession
  let shots: string
  beforeAll(() => {
    s = suite.s
    shots = suite.shots
  })

  async function expectProgramPage(texts: { title: string; sidebar: string; headings: string[]; labels: string[]; hint: string; tierRow: string[] }) {
    await s.page.goto(s.url("/app/loyalty/program"))
    await s.page.getByRole("heading", { name: texts.title, level: 1, exact: true }).waitFor()
    await s.page.locator("nav").getByRole("link", { name: texts.sidebar, exact: true }).waitFor()
    for (const heading of texts.headings) await s.page.getByRole("heading", { name: heading, level: 2, exact: true }).waitFor()
    for (const label of texts.labels) await s.page.getByLabel(label, { exact: true }).waitFor()
    await s.page.getByText(texts.hint, { exact: true }).waitFor()
    // The tiers come in their own request: wait for the row (a loaded machine answers it later).
    const row = s.page.getByTestId("rewardflow-tiers").locator("tbody tr").first()
    await row.locator("td").first().waitFor()
    let cells: string[] = []
    await s.until("the first tier row", async () => {
      cells = (await row.locator("td").allTextContents()).map((c) => c.trim())
      return cells.length >= 5 && cells[0] !== ""
    }).catch(() => undefined)
    expect(cells.slice(0, 5)).toEqual(texts.tierRow)
  }

  it("shows the Program page in French after the admin switches to Français", async () => {
    await s.login()
    const [gold] = (await s.api("GET", "/admin/loyalty/tiers")).body.tiers
    expect(gold).toMatchObject({ name: { en: "Gold", fr: "Or" }, threshold: 1000, multiplier: 2 })

    await switchLanguage(s, "Français")
    await expectProgramPage({
      title: "Programme",
      sidebar: "Programme",
      headings: ["Paliers", "Règles des paliers", "Points en attente", "Bonus d'anniversaire", "Parrainage", "Expiration"],
      labels: ["Jours avant que les points soient disponibles", "Fuseau horaire du programme", "Parrainages par semaine", "Validité (mois)"],
      hint: "Alignez-le sur votre délai de retour : 14 jours est le délai de rétractation minimum dans l'UE.",
      // The tier's French name and perks; numbers the French way.
      tierRow: ["OrLivraison offerte sur chaque commande", (1000).toLocaleString("fr"), "×2,00", "#C9A227", "0"],
    })
    await s.page.setViewportSize({ width: 1440, height: 2800 })
    await s.page.screenshot({ path: path.join(shots, "program-page-fr.png"), animations: "disabled" })
    await s.page.setViewportSize({ width: 1440, height: 1000 })
  })

  it("shows the Program page in German after the admin switches to Deutsch", async () => {
    await switchLanguage(s, "Deutsch")
    await expectProgramPage({
      title: "Programm",
      sidebar: "Programm",
      headings: ["Stufen", "Stufenregeln", "Ausstehende Punkte", "Geburtstagsbonus", "Empfehlungen", "Verfall"],
      labels: ["Tage, bis Punkte verfügbar sind", "Zeitzone des Programms", "Empfehlungen pro Woche", "Gültigkeit (Monate)"],
      hint: "Passen Sie den Wert an Ihre Rückgabefrist an: 14 Tage sind die Mindestfrist in der EU.",
      // No German name: English is the fallback.
      tierRow: ["GoldFree shipping on every order", "1.000", "×2,00", "#C9A227", "0"],
    })
    await s.page.getByTestId("rewardflow-tiers").getByRole("button", { name: "Stufe erstellen" }).click()
    const drawer = s.page.getByTestId("rewardflow-tier-form")
    await drawer.getByLabel("Punktemultiplikator").waitFor()
    await drawer.getByRole("tab", { name: "Französisch" }).waitFor()
    await s.page.screenshot({ path: path.join(shots, "program-tier-form-de.png"), animations: "disabled" })
    await drawer.getByRole("button", { name: "Abbrechen" }).click()
    await drawer.waitFor({ state: "hidden" })
  })
}
