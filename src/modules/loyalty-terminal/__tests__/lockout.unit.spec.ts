import { afterFailure, type LockoutState } from "../lib/lockout"
import { terminalSettingsFromOptions } from "../options"

const t = terminalSettingsFromOptions({})
const clean: LockoutState = { failed_count: 0, window_started_at: null, locked_until: null, lock_count: 0, last_locked_at: null }
const at = (min: number) => new Date(Date.UTC(2026, 0, 1) + min * 60_000)

function fail(times: number, from: LockoutState, start: number) {
  let s = from
  let locks = 0
  for (let i = 0; i < times; i++) {
    const next = afterFailure(s, at(start + i * 0.1), t)
    if (next.locked_now) locks++
    s = next
  }
  return { s, locks }
}

describe("PIN lockout", () => {
  it("the 5th failure in 15 minutes locks for 15 minutes and clears the count", () => {
    const { s, locks } = fail(5, clean, 0)
    expect(locks).toBe(1)
    expect(s).toMatchObject({ failed_count: 0, lock_count: 1 })
    expect(s.locked_until!.getTime() - s.last_locked_at!.getTime()).toBe(15 * 60_000)
  })

  it("failures after the window start a new count", () => {
    const four = fail(4, clean, 0).s
    const next = afterFailure(four, at(15), t)
    expect(next).toMatchObject({ failed_count: 1, locked_now: false })
  })

  it("each further lock doubles up to 24 hours; a day after the last lock ended the doubling starts over", () => {
    let s: LockoutState = clean
    const minutes: number[] = []
    let now = 0
    for (let i = 0; i < 9; i++) {
      s = fail(5, s, now).s
      minutes.push((s.locked_until!.getTime() - s.last_locked_at!.getTime()) / 60_000)
      now = (s.locked_until!.getTime() - at(0).getTime()) / 60_000 + 1
    }
    expect(minutes).toEqual([15, 30, 60, 120, 240, 480, 960, 1440, 1440])
    const later = fail(5, s, now + 24 * 60).s
    expect(later.lock_count).toBe(1)
  })

  it("options are validated at boot with the option named", () => {
    expect(() => terminalSettingsFromOptions({ terminal: { maxPinFailures: 0 } })).toThrow("terminal.maxPinFailures")
    expect(() => terminalSettingsFromOptions({ terminal: { lockMinutes: "15" as any } })).toThrow("terminal.lockMinutes")
    expect(terminalSettingsFromOptions({ terminal: { sessionMinutes: 10 } }).sessionMinutes).toBe(10)
  })
})
