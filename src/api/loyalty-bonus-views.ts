import type { MedusaContainer } from "@medusajs/framework/types"
import { LOYALTY_MODULE } from "../modules/loyalty"
import { birthdayBonusOutlook, birthdayOf } from "../modules/loyalty/lib/birthday"
import type LoyaltyModuleService from "../modules/loyalty/service"

type Row = Record<string, any>

const BIRTHDAY_FIELDS = ["id", "status", "customer_id", "birthday_month", "birthday_day", "birthday_set_at", "birthday_changed_at", "referral_code", "metadata"]

/** What both views are made of: the account's birthday and referral columns, the counts, the view. */
async function bonusParts(scope: MedusaContainer, account: Row, program: Row, now: Date) {
  const loyalty: LoyaltyModuleService = scope.resolve(LOYALTY_MODULE)
  const row = (await loyalty.retrieveLoyaltyAccount(account.id, { select: BIRTHDAY_FIELDS })) as Row
  const [paidYears, counts, code] = await Promise.all([
    row.birthday_month ? loyalty.listPaidBirthdayYears(account.id) : Promise.resolve([]),
    loyalty.countReferrals(account.id),
    row.referral_code ? Promise.resolve(row.referral_code as string) : loyalty.ensureReferralCode(account.id),
  ])
  const view = {
    birthday: birthdayOf(row as any),
    birthday_bonus: birthdayBonusOutlook(row as any, program as any, { now, paidYears }),
    referral_code: code,
    referral_link: loyalty.referralLinkFor(code),
    referrals: {
      signed_up: counts.signed_up + counts.qualified + counts.rewarded,
      pending: counts.signed_up + counts.qualified,
      rewarded: counts.rewarded,
    },
  }
  return { row, counts, view }
}

/**
 * The birthday and referral part of an account as the shopper sees it: the birthday, the next
 * birthday bonus (`next_on`, `eligible`, `reason`), the referral code (made now for a member
 * enrolled before codes existed), the link, and the referrals made (`signed_up` = `pending` +
 * `rewarded`; refused ones are not counted).
 */
export async function shopperBonuses(scope: MedusaContainer, account: Row, program: Row, now = new Date()) {
  return (await bonusParts(scope, account, program, now)).view
}

/**
 * The same for the admin, with when the birthday was first given and last changed (and by whom),
 * the referrals refused, and the referral the member came from (`referred_by`, null if none).
 */
export async function adminBonuses(scope: MedusaContainer, account: Row, now = new Date()) {
  const loyalty: LoyaltyModuleService = scope.resolve(LOYALTY_MODULE)
  const program = await loyalty.retrieveLoyaltyProgram(account.program_id)
  const [{ row, counts, view }, [from]] = await Promise.all([
    bonusParts(scope, account, program, now),
    loyalty.listLoyaltyReferrals({ program_id: account.program_id, referee_customer_id: account.customer_id }, { take: 1 }),
  ])
  return {
    ...view,
    birthday_set_at: row.birthday_set_at ?? null,
    birthday_changed_at: row.birthday_changed_at ?? null,
    birthday_updated_by: row.metadata?.birthday_updated_by ?? null,
    referrals: { ...view.referrals, refused: counts.refused },
    referred_by: from ? { ...referralView(from), referrer_account_id: from.referrer_account_id } : null,
  }
}

/** A referral as the admin reads it (its parties are added by each view). */
export function referralView(r: Row) {
  return {
    id: r.id,
    program_id: r.program_id,
    code: r.code,
    status: r.status,
    refusal_reason: r.refusal_reason ?? null,
    order_id: r.order_id ?? null,
    qualifies_at: (r.metadata as Row | null)?.qualifies_at ?? null,
    rewarded_at: r.rewarded_at ?? null,
    created_at: r.created_at,
    updated_at: r.updated_at,
  }
}
