/**
 * Loyalty > Program, the program's rules (src/admin/components/program/program-settings-sections.tsx)
 * in the real Medusa admin, in headless Chromium: the pending period set to 14 days, the birthday
 * bonus and the program's time zone (and the API's refusal of an unknown zone under its field),
 * the referral points and weekly limit, the tier rules and the expiry options. Each section saves
 * its own fields; every change is checked through the admin API and after a reload.
 *
 * A part of admin.spec.ts, on the host app every part shares. It runs after the other parts:
 * the pending period it switches on would hold the points of any order placed after it.
 */
import path from "node:path"
import type { Locator } from "playwright-core"
import { adminSuite, type AdminSession, type SharedHost } from "../support/admin-session"

/** Registers the part's tests in the enclosing `describe`. */
export function programSettingsTests(shared: SharedHost) {
  const suite = adminSuite(shared)
  let s: AdminSession
  let shots: string
  beforeAll(() => {
    s = suite.s
    shots = suite.shots
  })

  const card = (testId: string): Locator => s.page.getByTestId(testId)
  async function program(): Promise<Record<string, any>> {
    const { status, body } = await s.api("GET", "/admin/loyalty/program")
    expect(status).toBe(200)
    return body.program
  }
  async function openProgramPage() {
    await s.page.goto(s.url("/app/loyalty/program"))
    await card("rewardflow-expiry").getByLabel("Validity (months)").waitFor()
  }
  /** Saves a section: waits for the API's 200 and for the page to take it in (Save off again, nothing left to save). */
  async function save(section: Locator) {
    const button = section.getByRole("button", { name: "Save", exact: true })
    const answered = s.page.waitForResponse((r) => new URL(r.url()).pathname === "/admin/loyalty/program" && r.request().method() === "POST")
    await button.click()
    expect((await answered).status()).toBe(200)
    await s.until("the section saved", async () => await button.isDisabled())
  }

  it("sets the pending period to 14 days, with the EU return window as the hint", async () => {
    await s.login()
    const before = await program()
    expect(before.pending_days).toBeNull()

    await openProgramPage()
    const pending = card("rewardflow-pending")
    await expect(pending.getByLabel("Days before points are available").count()).resolves.toBe(0) // off: no days asked
    await pending.getByLabel("Hold order points").click()
    const days = pending.getByLabel("Days before points are available")
    // Switching it on proposes the EU minimum.
    await expect(days.inputValue()).resolves.toBe("14")
    await pending.getByText("Match your return window: 14 days is the minimum return period in the EU.").waitFor()
    await save(pending)

    expect(await program()).toEqual({ ...before, pending_days: 14, updated_at: expect.any(String) })
    await openProgramPage()
    await expect(card("rewardflow-pending").getByLabel("Days before points are available").inputValue()).resolves.toBe("14")
    await expect(card("rewardflow-pending").getByRole("switch", { name: "Hold order points" }).getAttribute("aria-checked")).resolves.toBe("true")
  })

  it("sets the birthday bonus and the time zone; an unknown zone gets the API's message under its field", async () => {
    const birthday = card("rewardflow-birthday")
    const zone = birthday.getByLabel("Program time zone")
    await expect(zone.inputValue()).resolves.toBe((await program()).time_zone)

    s.expectFailure("POST /admin/loyalty/program 400")
    await birthday.getByLabel("Bonus points").fill("50")
    await zone.fill("Mars/Olympus_Mons")
    await birthday.getByRole("button", { name: "Save", exact: true }).click()
    const error = birthday.getByTestId("rewardflow-time-zone-error")
    await error.waitFor()
    await expect(error.textContent()).resolves.toBe("time_zone must be an IANA time zone such as Europe/Luxembourg")
    await birthday.screenshot({ path: path.join(shots, "program-time-zone-refused.png") })
    expect((await program()).birthday_bonus_points).toBe(0) // nothing of the section was saved

    await zone.fill("Europe/Luxembourg")
    await save(birthday)
    await expect(error.count()).resolves.toBe(0)
    expect(await program()).toMatchObject({ birthday_bonus_points: 50, time_zone: "Europe/Luxembourg", pending_days: 14 })
  })

  it("sets the referral points for both sides and the weekly limit", async () => {
    const referral = card("rewardflow-referral")
    await referral.getByLabel("Points for the referrer").fill("200")
    await referral.getByLabel("Points for the new customer").fill("100")
    await referral.getByLabel("Referrals per week").fill("3")
    await save(referral)
    expect(await program()).toMatchObject({ referral_referrer_points: 200, referral_referee_points: 100, referral_weekly_limit: 3, birthday_bonus_points: 50 })

    await openProgramPage()
    await expect(card("rewardflow-referral").getByLabel("Referrals per week").inputValue()).resolves.toBe("3")
  })

  it("sets the tier rules and the expiry options", async () => {
    const rules = card("rewardflow-tier-rules")
    await rules.getByLabel("Period", { exact: true }).click()
    await s.page.getByRole("option", { name: "Calendar year" }).click()
    await rules.getByLabel("Grace period (days)").fill("45")
    await save(rules)

    const expiry = card("rewardflow-expiry")
    await expiry.getByLabel("Validity (months)").fill("12")
    await expiry.getByLabel("Valid until the end of the month").click()
    await expiry.getByLabel("Activity extends validity").click()
    await save(expiry)

    expect(await program()).toMatchObject({
      tier_basis: "points_earned",
      tier_period: "calendar_year",
      tier_grace_days: 45,
      points_validity_months: 12,
      validity_end_of_month: true,
      activity_extends_validity: true,
      referral_weekly_limit: 3,
    })
    await openProgramPage()
    await expect(card("rewardflow-tier-rules").getByRole("combobox", { name: "Period" }).textContent()).resolves.toBe("Calendar year")
    await expect(card("rewardflow-expiry").getByRole("switch", { name: "Activity extends validity" }).getAttribute("aria-checked")).resolves.toBe("true")
    // The dashboard scrolls inside its own panel: a tall window shows the whole page at once.
    await s.page.setViewportSize({ width: 1440, height: 2800 })
    await s.page.screenshot({ path: path.join(shots, "program-page.png"), animations: "disabled" })
    await s.page.setViewportSize({ width: 1440, height: 1000 })
  })
}
