import type { TemplateContent } from "../lib/render-email"
import type { TemplateKey } from "../lib/variables"
import { button, paragraph } from "./markup"

const hello = "{{#if customer.first_name}}Hallo {{customer.first_name}},{{else}}Guten Tag,{{/if}}"
const walletHtml = "{{#if wallet_url}}" + paragraph('Haben Sie Ihre Karte immer dabei: <a href="{{wallet_url}}">zu Google Wallet hinzufügen</a>.') + "{{/if}}"
const walletText = "{{#if wallet_url}}Haben Sie Ihre Karte immer dabei, fügen Sie sie zu Google Wallet hinzu: {{wallet_url}}\n\n{{/if}}"
const shopHtml = "{{#if shop_url}}" + button("{{shop_url}}", "Meine Punkte ansehen") + "{{/if}}"
const shopText = "{{#if shop_url}}Ihre Punkte ansehen: {{shop_url}}\n\n{{/if}}"
const signOff = "Bis bald,\nIhr {{store.name}}-Team"
const signOffHtml = paragraph("Bis bald,<br>Ihr {{store.name}}-Team")

export const de: Record<TemplateKey, TemplateContent> = {
  loyalty_enrollment: {
    subject: "Willkommen bei {{program.name}}!",
    html_body:
      paragraph(hello) +
      paragraph("Danke, dass Sie bei {{program.name}} von {{store.name}} mitmachen. Ab jetzt sammeln Sie mit jedem Einkauf Punkte, die Sie gegen Prämien einlösen können.") +
      paragraph("Ihre Kartennummer: <strong>{{card_number}}</strong><br>Ihr Punktestand: <strong>{{balance}} Punkte</strong>") +
      walletHtml + shopHtml + signOffHtml,
    text_body:
      `${hello}\n\nDanke, dass Sie bei {{program.name}} von {{store.name}} mitmachen. Ab jetzt sammeln Sie mit jedem Einkauf Punkte, die Sie gegen Prämien einlösen können.\n\nIhre Kartennummer: {{card_number}}\nIhr Punktestand: {{balance}} Punkte\n\n` +
      walletText + shopText + signOff,
  },
  loyalty_welcome_bonus: {
    subject: "{{points}} Willkommenspunkte für Sie",
    html_body:
      paragraph(hello) +
      paragraph("Als Dankeschön für Ihre Anmeldung bei {{program.name}} haben wir Ihrem Konto <strong>{{points}} Punkte</strong> gutgeschrieben.") +
      paragraph("Ihr Punktestand beträgt jetzt <strong>{{balance}} Punkte</strong>.") +
      walletHtml + shopHtml + signOffHtml,
    text_body:
      `${hello}\n\nAls Dankeschön für Ihre Anmeldung bei {{program.name}} haben wir Ihrem Konto {{points}} Punkte gutgeschrieben.\n\nIhr Punktestand beträgt jetzt {{balance}} Punkte.\n\n` +
      walletText + shopText + signOff,
  },
  loyalty_points_earned: {
    subject: "Sie haben {{points}} Punkte gesammelt",
    html_body:
      paragraph(hello) +
      paragraph("Vielen Dank für Ihre Bestellung{{#if order.display_id}} Nr. {{order.display_id}}{{/if}}! Dafür erhalten Sie <strong>{{points}} Punkte</strong>.") +
      paragraph("Ihr Punktestand beträgt jetzt <strong>{{balance}} Punkte</strong>.") +
      shopHtml + signOffHtml,
    text_body:
      `${hello}\n\nVielen Dank für Ihre Bestellung{{#if order.display_id}} Nr. {{order.display_id}}{{/if}}! Dafür erhalten Sie {{points}} Punkte.\n\nIhr Punktestand beträgt jetzt {{balance}} Punkte.\n\n` +
      shopText + signOff,
  },
  loyalty_reward_ready: {
    subject: "{{#if reward.name}}Ihre Prämie wartet: {{reward.name}}{{else}}Ihre Prämie wartet{{/if}}",
    html_body:
      paragraph(hello) +
      paragraph("Gute Nachricht: Sie haben jetzt <strong>{{balance}} Punkte</strong> und damit genug für {{#if reward.name}}<strong>{{reward.name}}</strong>{{else}}eine Prämie{{/if}}{{#if reward.points_cost}} ({{reward.points_cost}} Punkte){{/if}}.") +
      paragraph("Lösen Sie sie bei Ihrem nächsten Einkauf ein, online oder im Geschäft.") +
      shopHtml + signOffHtml,
    text_body:
      `${hello}\n\nGute Nachricht: Sie haben jetzt {{balance}} Punkte und damit genug für {{#if reward.name}}{{reward.name}}{{else}}eine Prämie{{/if}}{{#if reward.points_cost}} ({{reward.points_cost}} Punkte){{/if}}.\n\nLösen Sie sie bei Ihrem nächsten Einkauf ein, online oder im Geschäft.\n\n` +
      shopText + signOff,
  },
  loyalty_points_expiring: {
    subject: "{{points}} Punkte verfallen am {{expires_at}}",
    html_body:
      paragraph(hello) +
      paragraph("<strong>{{points}} Ihrer Punkte</strong> verfallen am <strong>{{expires_at}}</strong>. Lösen Sie sie vorher ein: Ihr Punktestand beträgt {{balance}} Punkte.") +
      shopHtml + signOffHtml,
    text_body:
      `${hello}\n\n{{points}} Ihrer Punkte verfallen am {{expires_at}}. Lösen Sie sie vorher ein: Ihr Punktestand beträgt {{balance}} Punkte.\n\n` +
      shopText + signOff,
  },
  loyalty_tier_changed: {
    subject: "{{#if upgrade}}Willkommen im Status {{tier.name}}!{{else}}{{#if tier.name}}Ihr Status ist jetzt {{tier.name}}{{else}}Ihr Status {{previous_tier.name}} ist abgelaufen{{/if}}{{/if}}",
    html_body:
      paragraph(hello) +
      "{{#if upgrade}}" + paragraph("Herzlichen Glückwunsch! Ihre Einkäufe haben Sie in den Status <strong>{{tier.name}}</strong> gebracht{{#if previous_tier.name}} (bisher {{previous_tier.name}}){{/if}}. Ihre neuen Vorteile gelten ab Ihrer nächsten Bestellung.") + "{{else}}" + paragraph("{{#if tier.name}}Ihr Status ist jetzt <strong>{{tier.name}}</strong> (bisher {{previous_tier.name}}){{else}}Ihr Status <strong>{{previous_tier.name}}</strong> ist abgelaufen{{/if}}: Ihre Aktivität im letzten Zeitraum blieb auch nach der Kulanzfrist unter seiner Schwelle. Jeder Einkauf bringt Sie wieder näher heran.") + "{{/if}}" +
      "{{#if tier.perks}}" + paragraph("Ihre Vorteile als {{tier.name}}: {{tier.perks}}") + "{{/if}}" +
      paragraph("Ihr Punktestand: <strong>{{balance}} Punkte</strong>.") +
      shopHtml + signOffHtml,
    text_body:
      `${hello}\n\n{{#if upgrade}}Herzlichen Glückwunsch! Ihre Einkäufe haben Sie in den Status {{tier.name}} gebracht{{#if previous_tier.name}} (bisher {{previous_tier.name}}){{/if}}. Ihre neuen Vorteile gelten ab Ihrer nächsten Bestellung.{{else}}{{#if tier.name}}Ihr Status ist jetzt {{tier.name}} (bisher {{previous_tier.name}}){{else}}Ihr Status {{previous_tier.name}} ist abgelaufen{{/if}}: Ihre Aktivität im letzten Zeitraum blieb auch nach der Kulanzfrist unter seiner Schwelle. Jeder Einkauf bringt Sie wieder näher heran.{{/if}}\n\n` +
      `{{#if tier.perks}}Ihre Vorteile als {{tier.name}}: {{tier.perks}}\n\n{{/if}}Ihr Punktestand: {{balance}} Punkte.\n\n` +
      shopText + signOff,
  },
  loyalty_birthday_bonus: {
    subject: "Alles Gute zum Geburtstag! {{points}} Punkte für Sie",
    html_body:
      paragraph(hello) +
      paragraph("Das ganze Team von {{store.name}} wünscht Ihnen alles Gute zum Geburtstag! Zur Feier des Tages haben wir Ihrem {{program.name}}-Konto <strong>{{points}} Punkte</strong> gutgeschrieben.") +
      paragraph("Ihr Punktestand beträgt jetzt <strong>{{balance}} Punkte</strong>.") +
      shopHtml + signOffHtml,
    text_body:
      `${hello}\n\nDas ganze Team von {{store.name}} wünscht Ihnen alles Gute zum Geburtstag! Zur Feier des Tages haben wir Ihrem {{program.name}}-Konto {{points}} Punkte gutgeschrieben.\n\nIhr Punktestand beträgt jetzt {{balance}} Punkte.\n\n` +
      shopText + signOff,
  },
  loyalty_referral_bonus: {
    subject: "{{#if referrer}}Danke für Ihre Empfehlung: {{points}} Punkte{{else}}Willkommensgeschenk: {{points}} Punkte{{/if}}",
    html_body:
      paragraph(hello) +
      "{{#if referrer}}" + paragraph("Eine von Ihnen eingeladene Person ist {{program.name}} beigetreten und hat ihre erste Bestellung aufgegeben. Vielen Dank: <strong>{{points}} Punkte</strong> wurden Ihrem Konto gutgeschrieben.") + "{{else}}" + paragraph("Sie sind {{program.name}} auf Einladung beigetreten und Ihre erste Bestellung ist bestätigt: <strong>{{points}} Punkte</strong> wurden Ihrem Konto gutgeschrieben.") + "{{/if}}" +
      paragraph("Ihr Punktestand beträgt jetzt <strong>{{balance}} Punkte</strong>.") +
      shopHtml + signOffHtml,
    text_body:
      `${hello}\n\n{{#if referrer}}Eine von Ihnen eingeladene Person ist {{program.name}} beigetreten und hat ihre erste Bestellung aufgegeben. Vielen Dank: {{points}} Punkte wurden Ihrem Konto gutgeschrieben.{{else}}Sie sind {{program.name}} auf Einladung beigetreten und Ihre erste Bestellung ist bestätigt: {{points}} Punkte wurden Ihrem Konto gutgeschrieben.{{/if}}\n\nIhr Punktestand beträgt jetzt {{balance}} Punkte.\n\n` +
      shopText + signOff,
  },
}
