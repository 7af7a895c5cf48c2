/**
 * The admin browser tests: RewardFlow's admin extension in the real Medusa admin, in headless
 * Chromium (support/browser.ts), against ONE throw-away copy of the demo host app
 * (support/host-app.ts: plugin build check, fresh database, `medusa build`, migrations, demo
 * seed, `medusa start`) that is started before the first test and stopped after the last. Building
 * it takes about a minute, so the parts share it instead of building one each.
 *
 * Each part lives in parts/ and registers its tests in its own `describe` below, with its own
 * Chromium and admin session (support/admin-session.ts `adminSuite`), so jest still reports every
 * test by its part's name. The parts share the server and its database, and they run in this
 * order, which is part of the tests:
 *
 *  1. customer loyalty: reads the seeded shopper's balance, orders and ledger as the seed left
 *     them and reserves one of the demo's rewards for the shopper; it adds points to the shopper
 *     and enrolls a customer of its own, and creates or deletes no reward.
 *  2. rewards: expects the demo's four rewards, deletes them (soft: the reservation of part 1
 *     keeps its reward) and works from an empty catalog; it switches points-as-money on, which
 *     part 1 was not written for, hence after it.
 *  3. emails and Google Wallet: templates, mail delivery (pointed at an SMTP server it stops at the
 *     end) and Wallet settings, which neither other part reads; last, so that no other part's mail
 *     goes to that server. Its environment (encryption key, token URL) is the host app's.
 *  4. Program page (parts/program-*.ts): tiers (creates "Gold"), then the program's rules (switches
 *     the pending period on, which would hold any later order's points), then the page in French
 *     and German (reads "Gold"); after the others, which were not written for tiers or pending points
 *     (they send no mail).
 *  -  Terminals (parts/terminals.ts): a store of its own, staff, pairing, rename, revoke, PIN reset; leaves a paired tablet there.
 *  -  Email log (parts/email-log.ts): a failed and a retrying mail of its own (delivery pointed at a
 *     closed port), the failed one sent again to a loopback server it starts; puts provider, host, port
 *     and from_address back as it found them.
 *  -  Members (parts/members.ts): a member of its own found by card number and email, points adjusted,
 *     blocked and unblocked, flagged test and back; the seeded shopper is not touched.
 *  -  Program basics (parts/program-general.ts): welcome bonus, earn rates (a CHF region of its own), sales channels (a channel of its own), puts them back at the end; leaves one liability estimate (effective when saved).
 *  5. Analytics (parts/analytics.ts): adds a liability estimate and a member of its own, checks the
 *     figures against the analytics routes, in English and French.
 *  6. Go live (parts/go-live.ts): records the Wallet device check, cleans up the test data (a test
 *     account of its own, and whatever else is flagged test) and tries to go live; last, since the
 *     clean-up and going live change what the other parts read.
 *
 * Without /usr/bin/chromium the whole suite is skipped with a warning, or is one failing test
 * when REWARDFLOW_REQUIRE_BROWSER=1 (CI).
 */
import { analyticsTests } from "./parts/analytics"
import { customerLoyaltyTests } from "./parts/customer-loyalty"
import { emailLogTests } from "./parts/email-log"
import { emailWalletHostEnv, emailWalletTests } from "./parts/email-wallet"
import { goLiveTests } from "./parts/go-live"
import { membersTests } from "./parts/members"
import { programGeneralTests } from "./parts/program-general"
import { programLanguagesTests } from "./parts/program-languages"
import { programSettingsTests } from "./parts/program-settings"
import { programTiersTests } from "./parts/program-tiers"
import { rewardsTests } from "./parts/rewards"
import { terminalsTests } from "./parts/terminals"
import { sharedHostApp, STEP_TIMEOUT } from "./support/admin-session"
import { describeInBrowser } from "./support/browser"

// Per test; the email and Wallet tests need the most (before they shared the file, the other two
// parts had 2 * STEP_TIMEOUT).
jest.setTimeout(3 * STEP_TIMEOUT)

describeInBrowser("admin in Chromium", () => {
  const shared = sharedHostApp(emailWalletHostEnv)

  describe("customer loyalty widget", () => customerLoyaltyTests(shared))
  describe("Loyalty page (rewards catalog, points as money)", () => rewardsTests(shared))
  describe("loyalty emails and Google Wallet settings", () => emailWalletTests(shared))
  describe("Program page: tiers", () => programTiersTests(shared))
  describe("Program page: pending points, birthday, referrals, tier rules, expiry", () => programSettingsTests(shared))
  describe("Program page in French and German", () => programLanguagesTests(shared))
  describe("Terminals", () => terminalsTests(shared))
  describe("Email log", () => emailLogTests(shared))
  describe("Members", () => membersTests(shared))
  describe("Program page: general settings, earning, channels, liability estimate", () => programGeneralTests(shared))
  describe("Analytics page", () => analyticsTests(shared))
  describe("Go live page", () => goLiveTests(shared))
})
