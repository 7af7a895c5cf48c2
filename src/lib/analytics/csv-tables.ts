import { type CsvColumn, CsvDecimal, type CsvLocale } from "../csv"

type Row = Record<string, any>
type Words = Record<CsvLocale, string>

/**
 * Column titles of the analytics exports in the four admin languages (the CSV is what the
 * merchant opens in a spreadsheet, in the admin's language). A unit test fails on a title missing
 * in a locale.
 */
export const CSV_HEADERS: Record<string, Words> = {
  period: { en: "Period", fr: "Période", de: "Zeitraum", lb: "Zäitraum" },
  total: { en: "Members", fr: "Membres", de: "Mitglieder", lb: "Memberen" },
  new: { en: "New members", fr: "Nouveaux membres", de: "Neue Mitglieder", lb: "Nei Memberen" },
  active: { en: "Active members", fr: "Membres actifs", de: "Aktive Mitglieder", lb: "Aktiv Memberen" },
  customers_ordered: { en: "Customers who ordered", fr: "Clients ayant commandé", de: "Kunden mit Bestellung", lb: "Clienten, déi bestallt hunn" },
  members_ordered: { en: "Members who ordered", fr: "Membres ayant commandé", de: "Mitglieder mit Bestellung", lb: "Memberen, déi bestallt hunn" },
  enrollment_rate: { en: "Enrollment rate", fr: "Taux d'adhésion", de: "Beitrittsquote", lb: "Umeldungstaux" },
  issued: { en: "Points issued", fr: "Points émis", de: "Ausgegebene Punkte", lb: "Ausgi Punkten" },
  redeemed: { en: "Points redeemed", fr: "Points utilisés", de: "Eingelöste Punkte", lb: "Agesate Punkten" },
  reversed: { en: "Points reversed", fr: "Points annulés", de: "Stornierte Punkte", lb: "Stornéiert Punkten" },
  expired: { en: "Points expired", fr: "Points expirés", de: "Verfallene Punkte", lb: "Ofgelafe Punkten" },
  adjusted: { en: "Points adjusted", fr: "Points ajustés", de: "Angepasste Punkte", lb: "Ugepasste Punkten" },
  pending: { en: "Points pending", fr: "Points en attente", de: "Ausstehende Punkte", lb: "Punkten an der Waardeschläif" },
  owed: { en: "Points owed", fr: "Points dus", de: "Geschuldete Punkte", lb: "Geschold Punkten" },
  outstanding: { en: "Points outstanding", fr: "Points en circulation", de: "Offene Punkte", lb: "Oppe Punkten" },
  redemption_rate: { en: "Redemption rate", fr: "Taux d'utilisation", de: "Einlösequote", lb: "Asazquot" },
  realized_breakage: { en: "Realized breakage (expired / issued)", fr: "Expiration réalisée (expirés / émis)", de: "Realisierter Verfall (verfallen / ausgegeben)", lb: "Realiséierten Oflaf (ofgelaf / ausginn)" },
  sales: { en: "Sales", fr: "Ventes", de: "Umsatz", lb: "Ëmsaz" },
  points_issued: { en: "Points issued on sales", fr: "Points émis sur les ventes", de: "Punkte auf Umsatz", lb: "Punkten op den Ëmsaz" },
  allocated: { en: "Allocated to points", fr: "Alloué aux points", de: "Den Punkten zugeordnet", lb: "De Punkten zougeuerdnet" },
  redeemed_to_date: { en: "Redeemed to date", fr: "Utilisés à date", de: "Bisher eingelöst", lb: "Bis elo agesat" },
  expected_to_redeem: { en: "Expected to be redeemed", fr: "Utilisation attendue", de: "Erwartete Einlösung", lb: "Erwaart Asaz" },
  recognized_cumulative: { en: "Recognized to date", fr: "Comptabilisé à date", de: "Bisher realisiert", lb: "Bis elo realiséiert" },
  recognized: { en: "Recognized in period", fr: "Comptabilisé sur la période", de: "Im Zeitraum realisiert", lb: "Am Zäitraum realiséiert" },
  deferred: { en: "Deferred revenue", fr: "Produits différés", de: "Abgegrenzte Erlöse", lb: "Ofgegrenzt Erléiser" },
  currency_code: { en: "Currency", fr: "Devise", de: "Währung", lb: "Wärung" },
  segment: { en: "Segment", fr: "Segment", de: "Segment", lb: "Segment" },
  orders: { en: "Orders", fr: "Commandes", de: "Bestellungen", lb: "Bestellungen" },
  customers: { en: "Customers", fr: "Clients", de: "Kunden", lb: "Clienten" },
  revenue: { en: "Revenue (incl. tax and shipping, net of returns and refunds)", fr: "Chiffre d'affaires (TTC, livraison incluse, net des retours et remboursements)", de: "Umsatz (inkl. Steuern und Versand, abzüglich Retouren und Erstattungen)", lb: "Ëmsaz (mat Steieren a Versand, ouni Retouren a Réckerstattungen)" },
  average_order_value: { en: "Average order value", fr: "Panier moyen", de: "Durchschnittlicher Bestellwert", lb: "Duerchschnëttleche Bestellwäert" },
  cohort: { en: "Cohort (month enrolled)", fr: "Cohorte (mois d'adhésion)", de: "Kohorte (Beitrittsmonat)", lb: "Kohort (Umeldungsmount)" },
  month: { en: "Month", fr: "Mois", de: "Monat", lb: "Mount" },
  reward: { en: "Reward", fr: "Récompense", de: "Prämie", lb: "Primm" },
  redemptions: { en: "Redemptions", fr: "Utilisations", de: "Einlösungen", lb: "Asätz" },
  points_spent: { en: "Points spent", fr: "Points dépensés", de: "Ausgegebene Punkte", lb: "Ausgi Punkten" },
  discount: { en: "Discount given", fr: "Remise accordée", de: "Gewährter Rabatt", lb: "Gewäerte Rabatt" },
  level: { en: "Level", fr: "Niveau", de: "Ebene", lb: "Niveau" },
  store: { en: "Store", fr: "Magasin", de: "Filiale", lb: "Geschäft" },
  name: { en: "Name", fr: "Nom", de: "Name", lb: "Numm" },
  points_awarded: { en: "Points awarded", fr: "Points attribués", de: "Vergebene Punkte", lb: "Vergi Punkten" },
  points_redeemed: { en: "Points redeemed", fr: "Points utilisés", de: "Eingelöste Punkte", lb: "Agesate Punkten" },
}

/** Words inside cells (segments, levels, the total row, points as money). */
export const CSV_WORDS: Record<string, Words> = {
  members: { en: "Members", fr: "Membres", de: "Mitglieder", lb: "Memberen" },
  non_members: { en: "Non-members", fr: "Non-membres", de: "Nichtmitglieder", lb: "Net-Memberen" },
  total: { en: "Total", fr: "Total", de: "Gesamt", lb: "Total" },
  store: { en: "Store", fr: "Magasin", de: "Filiale", lb: "Geschäft" },
  device: { en: "Device", fr: "Appareil", de: "Gerät", lb: "Apparat" },
  staff: { en: "Staff", fr: "Personnel", de: "Personal", lb: "Personal" },
  points_as_money: { en: "Points as money", fr: "Points en argent", de: "Punkte als Geld", lb: "Punkten als Geld" },
}

const columns = (keys: string[], locale: CsvLocale): CsvColumn[] => keys.map((key) => ({ key, header: CSV_HEADERS[key][locale] }))
const word = (key: string, locale: CsvLocale) => CSV_WORDS[key][locale]
/** Money travels as decimal strings; in a spreadsheet it must be a number, with the currency's digits. */
const money = (v: string | null | undefined) => (v === null || v === undefined ? null : new CsvDecimal(v))
const localized = (name: Record<string, string> | null, locale: CsvLocale) => (name ? name[locale] ?? name.en ?? Object.values(name)[0] : null)

type Table = { columns: CsvColumn[]; rows: Row[] }

/** Each report as the table its CSV export holds. */
export const CSV_TABLES: Record<string, (report: any, locale: CsvLocale) => Table> = {
  members: (r, l) => ({
    columns: columns(["period", "total", "new", "active", "customers_ordered", "members_ordered", "enrollment_rate"], l),
    rows: [...r.periods, { ...r.totals, period: word("total", l) }],
  }),
  points: (r, l) => ({
    columns: columns(["period", "issued", "redeemed", "reversed", "expired", "adjusted", "pending", "owed", "outstanding", "redemption_rate", "realized_breakage"], l),
    rows: [...r.periods, { ...r.totals, period: word("total", l) }],
  }),
  liability: (r, l) => ({
    columns: columns(["period", "sales", "points_issued", "allocated", "redeemed_to_date", "expected_to_redeem", "recognized_cumulative", "recognized", "deferred"], l),
    rows: r.periods.map((p: Row) => ({
      ...p,
      sales: money(p.sales),
      allocated: money(p.allocated),
      expected_to_redeem: money(p.expected_to_redeem),
      recognized_cumulative: money(p.recognized_cumulative),
      recognized: money(p.recognized),
      deferred: money(p.deferred),
    })),
  }),
  revenue: (r, l) => ({
    columns: columns(["currency_code", "segment", "orders", "customers", "revenue", "average_order_value"], l),
    rows: r.rows.map((row: Row) => ({ ...row, segment: word(row.segment, l), revenue: money(row.revenue), average_order_value: money(row.average_order_value) })),
  }),
  cohorts: (r, l) => {
    const width = Math.max(0, ...r.cohorts.map((c: Row) => c.cells.length))
    const months = Array.from({ length: width }, (_, k) => ({ key: `k${k}`, header: `${CSV_HEADERS.month[l]} ${k}` }))
    return {
      columns: [...columns(["cohort", "total"], l), ...months],
      rows: r.cohorts.map((c: Row) => ({ cohort: c.cohort, total: c.members, ...Object.fromEntries(c.cells.map((cell: Row) => [`k${cell.k}`, cell.share])) })),
    }
  },
  rewards: (r, l) => ({
    columns: columns(["reward", "redemptions", "points_spent", "currency_code", "discount"], l),
    rows: r.rewards.flatMap((w: Row) => {
      const name = w.reward_id ? localized(w.name, l) ?? w.reward_id : word("points_as_money", l)
      const base = { reward: name, redemptions: w.redemptions, points_spent: w.points_spent }
      return w.discounts.length ? w.discounts.map((d: Row, i: number) => (i === 0 ? { ...base, currency_code: d.currency_code, discount: money(d.amount) } : { reward: name, currency_code: d.currency_code, discount: money(d.amount) })) : [base]
    }),
  }),
  stores: (r, l) => ({
    columns: columns(["level", "store", "name", "points_awarded", "points_redeemed"], l),
    rows: r.stores.flatMap((s: Row) => [
      { level: word("store", l), store: s.name ?? s.stock_location_id, name: s.name ?? s.stock_location_id, points_awarded: s.points_awarded, points_redeemed: s.points_redeemed },
      ...s.devices.map((d: Row) => ({ level: word("device", l), store: s.name ?? s.stock_location_id, name: d.name ?? d.device_id, points_awarded: d.points_awarded, points_redeemed: d.points_redeemed })),
      ...s.staff.map((d: Row) => ({ level: word("staff", l), store: s.name ?? s.stock_location_id, name: d.name ?? d.staff_id, points_awarded: d.points_awarded, points_redeemed: d.points_redeemed })),
    ]),
  }),
}
