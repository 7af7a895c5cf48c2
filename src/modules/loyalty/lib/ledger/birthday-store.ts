import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { refusal } from "../refusal"
import { COMPENSATION_KEY_PREFIX, type LedgerActor, type LedgerChangeResult } from "../../types"
import {
  type Birthday,
  type BirthdayAccount,
  birthdayBonusKey,
  birthdayDateRule,
  birthdayIn,
  birthdaysOn,
  isValidBirthday,
  localDate,
  sameDate,
} from "../birthday"
import { LedgerKernel } from "./kernel"
import { LedgerStore } from "./ledger-store"
import { TABLES } from "./tables"

export type SetBirthdayResult = {
  account_id: string
  customer_id: string
  /** False when the account already had this birthday (nothing was written). */
  changed: boolean
  birthday: Birthday | null
  birthday_set_at: Date | null
  birthday_changed_at: Date | null
}

export type BirthdayBonusResult = {
  account_id: string
  customer_id: string
  /** The bonus entry (created false: it was paid before); null when none is due today. */
  change: LedgerChangeResult | null
  /** Why nothing is due today: not the birthday, a recent change, blocked, paused, no bonus. */
  skipped: string | null
}

const BIRTHDAY_COLUMNS = ["customer_id", "birthday_month", "birthday_day", "birthday_set_at", "birthday_changed_at"]

/** The member's birthday and its bonus, under the account lock. */
export class BirthdayStore {
  private readonly kernel: LedgerKernel
  private readonly ledger: LedgerStore

  constructor(private readonly knex: Knex.Transaction) {
    this.kernel = LedgerKernel.for(knex)
    this.ledger = new LedgerStore(knex)
  }

  /**
   * Sets (or with null removes) the birthday. The first one given stamps `birthday_set_at`;
   * any later change or removal stamps `birthday_changed_at`; the same date again writes nothing.
   * Who changed it last is kept in the account's metadata (`birthday_updated_by`).
   */
  async setBirthday(accountId: string, birthday: Birthday | null, { now, actor }: { now: Date; actor?: LedgerActor }): Promise<SetBirthdayResult> {
    if (birthday && !isValidBirthday(birthday.month, birthday.day)) {
      throw refusal("invalid_birthday", `birthday.day ${birthday.day} does not exist in month ${birthday.month} (29 February is allowed)`, {
        month: birthday.month ?? null,
        day: birthday.day ?? null,
      })
    }
    return await this.kernel.withAccount(accountId, async () => {
      const row = await this.knex(TABLES.account).where({ id: accountId }).first(BIRTHDAY_COLUMNS)
      const result = (changed: boolean, r: Record<string, any>): SetBirthdayResult => ({
        account_id: accountId,
        customer_id: row.customer_id,
        changed,
        birthday: r.birthday_month ? { month: r.birthday_month, day: r.birthday_day } : null,
        birthday_set_at: r.birthday_set_at ?? null,
        birthday_changed_at: r.birthday_changed_at ?? null,
      })
      if ((row.birthday_month ?? null) === (birthday?.month ?? null) && (row.birthday_day ?? null) === (birthday?.day ?? null)) return result(false, row)
      const first = !row.birthday_set_at
      const update = {
        birthday_month: birthday?.month ?? null,
        birthday_day: birthday?.day ?? null,
        birthday_set_at: first && birthday ? now : row.birthday_set_at,
        birthday_changed_at: first ? row.birthday_changed_at : now,
      }
      const by = { ...(actor ?? {}), at: now.toISOString() }
      await this.knex(TABLES.account)
        .where({ id: accountId })
        .update({
          ...update,
          metadata: this.knex.raw(`coalesce(metadata, '{}'::jsonb) || ?::jsonb`, [JSON.stringify({ birthday_updated_by: by })]),
          updated_at: now,
        })
      return result(true, update)
    })
  }

  /**
   * Pays the member's birthday bonus if today (in the program's time zone) is the birthday and
   * the rules allow it: program active with a bonus, account active, date not given or changed
   * too recently (see birthdayDateRule). Once per calendar year: the key is the account and year.
   */
  async payBirthdayBonus(accountId: string, now: Date): Promise<BirthdayBonusResult> {
    return await this.kernel.withAccount(accountId, async (account) => {
      const row: BirthdayAccount & { customer_id: string } = await this.knex(TABLES.account).where({ id: accountId }).first(BIRTHDAY_COLUMNS)
      const program = await this.knex(TABLES.program).where({ id: account.program_id }).first("time_zone", "birthday_bonus_points", "status")
      const skip = (skipped: string): BirthdayBonusResult => ({ account_id: accountId, customer_id: row.customer_id, change: null, skipped })
      if (!row.birthday_month || !row.birthday_day) return skip("no_birthday")
      const timeZone = program.time_zone || "UTC"
      const today = localDate(now, timeZone)
      const on = birthdayIn(today.year, { month: row.birthday_month, day: row.birthday_day })
      if (!sameDate(on, today)) return skip("not_birthday")
      if (!(program.birthday_bonus_points > 0)) return skip("bonus_off")
      if (program.status !== "active") return skip("program_paused")
      if (account.status !== "active") return skip("account_blocked")
      const rule = birthdayDateRule(row, on, timeZone)
      if (rule) return skip(rule)
      const { replay, key } = await this.kernel.claimKey(birthdayBonusKey(accountId, today.year), account)
      if (replay) return { account_id: accountId, customer_id: row.customer_id, change: replay, skipped: null }
      const change = await this.ledger.creditLocked(account, {
        account_id: accountId,
        type: "birthday_bonus",
        points: program.birthday_bonus_points,
        source_type: "birthday",
        source_id: accountId,
        idempotency_key: key,
        reason: `Birthday bonus ${today.year}`,
        metadata: { year: today.year },
        now,
        expires_at: await this.ledger.expiry.defaultExpiry(account.program_id, now),
      })
      return { account_id: accountId, customer_id: row.customer_id, change, skipped: null }
    })
  }

  /**
   * Active accounts of a program whose birthday is `now`'s day in the program's time zone and
   * whose bonus of that year is not paid yet, by id after `after` (through the birthday index).
   */
  static async dueToday(knex: Knex, input: { program_id: string; time_zone: string; now: Date; after: string | null; limit: number }): Promise<string[]> {
    const today = localDate(input.now, input.time_zone || "UTC")
    const days = birthdaysOn(today)
    const rows = await knex(`${TABLES.account} as a`)
      .where("a.program_id", input.program_id)
      .where("a.birthday_month", today.month)
      .whereIn("a.birthday_day", days.map((d) => d.day))
      .where("a.status", "active")
      .whereNull("a.deleted_at")
      .modify((q) => {
        if (input.after) q.where("a.id", ">", input.after)
      })
      // A year already paid is skipped here (the verb checks again under the lock); a payment a
      // compensation undid counts as unpaid.
      .whereNotExists(
        knex(`${TABLES.entry} as e`)
          .whereRaw(`e.idempotency_key = 'birthday:' || a.id || ':' || ?`, [String(today.year)])
          .whereNotExists(knex(`${TABLES.entry} as c`).whereRaw("c.reverses_entry_id = e.id").where("c.idempotency_key", "like", `${COMPENSATION_KEY_PREFIX}%`).select(knex.raw("1")))
          .select(knex.raw("1"))
      )
      .orderBy("a.id")
      .limit(input.limit)
      .select("a.id")
    return rows.map((r: { id: string }) => r.id)
  }
}

/** The years whose birthday bonus the account was paid (a payment a compensation undid is not counted). A read. */
export async function paidBirthdayYears(knex: Knex, accountId: string): Promise<number[]> {
  const rows = await knex(`${TABLES.entry} as e`)
    .where({ "e.account_id": accountId, "e.type": "birthday_bonus" })
    .whereNotExists(knex(`${TABLES.entry} as c`).whereRaw("c.reverses_entry_id = e.id").where("c.idempotency_key", "like", `${COMPENSATION_KEY_PREFIX}%`).select(knex.raw("1")))
    .select(knex.raw("(e.metadata->>'year')::int as year"))
  return rows.map((r: { year: number }) => r.year).filter((y: number | null) => Number.isInteger(y))
}
