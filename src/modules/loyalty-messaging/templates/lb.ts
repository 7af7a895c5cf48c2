import type { TemplateContent } from "../lib/render-email"
import type { TemplateKey } from "../lib/variables"
import { button, paragraph } from "./markup"

const hello = "{{#if customer.first_name}}Moien {{customer.first_name}},{{else}}Moien,{{/if}}"
const walletHtml = "{{#if wallet_url}}" + paragraph('Hutt Är Kaart ëmmer op Ärem Handy dobäi: <a href="{{wallet_url}}">an de Google Wallet derbäisetzen</a>.') + "{{/if}}"
const walletText = "{{#if wallet_url}}Hutt Är Kaart ëmmer op Ärem Handy dobäi, setzt se an de Google Wallet: {{wallet_url}}\n\n{{/if}}"
const shopHtml = "{{#if shop_url}}" + button("{{shop_url}}", "Meng Punkte kucken") + "{{/if}}"
const shopText = "{{#if shop_url}}Är Punkte kucken: {{shop_url}}\n\n{{/if}}"
const signOff = "Bis geschwënn,\nÄert {{store.name}}-Team"
const signOffHtml = paragraph("Bis geschwënn,<br>Äert {{store.name}}-Team")

export const lb: Record<TemplateKey, TemplateContent> = {
  loyalty_enrollment: {
    subject: "Wëllkomm bei {{program.name}}!",
    html_body:
      paragraph(hello) +
      paragraph("Merci, datt Dir bei {{program.name}} vun {{store.name}} matmaacht. Vun elo u sammelt Dir mat all Akaf Punkten, déi Dir géint Beloununge kënnt aléisen.") +
      paragraph("Är Kaartennummer: <strong>{{card_number}}</strong><br>Äre Punktestand: <strong>{{balance}} Punkten</strong>") +
      walletHtml + shopHtml + signOffHtml,
    text_body:
      `${hello}\n\nMerci, datt Dir bei {{program.name}} vun {{store.name}} matmaacht. Vun elo u sammelt Dir mat all Akaf Punkten, déi Dir géint Beloununge kënnt aléisen.\n\nÄr Kaartennummer: {{card_number}}\nÄre Punktestand: {{balance}} Punkten\n\n` +
      walletText + shopText + signOff,
  },
  loyalty_welcome_bonus: {
    subject: "{{points}} Wëllkommspunkte fir Iech",
    html_body:
      paragraph(hello) +
      paragraph("Als Merci fir Är Umeldung bei {{program.name}} hu mir Iech <strong>{{points}} Punkten</strong> op Äert Konto gutgeschriwwen.") +
      paragraph("Elo hutt Dir <strong>{{balance}} Punkten</strong>.") +
      walletHtml + shopHtml + signOffHtml,
    text_body:
      `${hello}\n\nAls Merci fir Är Umeldung bei {{program.name}} hu mir Iech {{points}} Punkten op Äert Konto gutgeschriwwen.\n\nElo hutt Dir {{balance}} Punkten.\n\n` +
      walletText + shopText + signOff,
  },
  loyalty_points_earned: {
    subject: "Dir hutt {{points}} Punkte gesammelt",
    html_body:
      paragraph(hello) +
      paragraph("Villmools Merci fir Är Bestellung{{#if order.display_id}} Nr. {{order.display_id}}{{/if}}! Dofir kritt Dir <strong>{{points}} Punkten</strong>.") +
      paragraph("Elo hutt Dir <strong>{{balance}} Punkten</strong>.") +
      shopHtml + signOffHtml,
    text_body:
      `${hello}\n\nVillmools Merci fir Är Bestellung{{#if order.display_id}} Nr. {{order.display_id}}{{/if}}! Dofir kritt Dir {{points}} Punkten.\n\nElo hutt Dir {{balance}} Punkten.\n\n` +
      shopText + signOff,
  },
  loyalty_reward_ready: {
    subject: "{{#if reward.name}}Är Belounung waart op Iech: {{reward.name}}{{else}}Är Belounung waart op Iech{{/if}}",
    html_body:
      paragraph(hello) +
      paragraph("Gutt Neiegkeet: Dir hutt elo <strong>{{balance}} Punkten</strong>, dat geet duer fir {{#if reward.name}}<strong>{{reward.name}}</strong>{{else}}eng Belounung{{/if}}{{#if reward.points_cost}} ({{reward.points_cost}} Punkten){{/if}}.") +
      paragraph("Léist se bei Ärem nächsten Akaf an, online oder am Geschäft.") +
      shopHtml + signOffHtml,
    text_body:
      `${hello}\n\nGutt Neiegkeet: Dir hutt elo {{balance}} Punkten, dat geet duer fir {{#if reward.name}}{{reward.name}}{{else}}eng Belounung{{/if}}{{#if reward.points_cost}} ({{reward.points_cost}} Punkten){{/if}}.\n\nLéist se bei Ärem nächsten Akaf an, online oder am Geschäft.\n\n` +
      shopText + signOff,
  },
  loyalty_points_expiring: {
    subject: "{{points}} Punkte verfalen den {{expires_at}}",
    html_body:
      paragraph(hello) +
      paragraph("<strong>{{points}} vun Äre Punkten</strong> verfalen den <strong>{{expires_at}}</strong>. Notzt se nach virdrun: Dir hutt am Ganzen {{balance}} Punkten.") +
      shopHtml + signOffHtml,
    text_body:
      `${hello}\n\n{{points}} vun Äre Punkten verfalen den {{expires_at}}. Notzt se nach virdrun: Dir hutt am Ganzen {{balance}} Punkten.\n\n` +
      shopText + signOff,
  },
  loyalty_tier_changed: {
    subject: "{{#if upgrade}}Wëllkomm am Status {{tier.name}}!{{else}}{{#if tier.name}}Äre Status ass elo {{tier.name}}{{else}}Äre Status {{previous_tier.name}} ass ofgelaf{{/if}}{{/if}}",
    html_body:
      paragraph(hello) +
      "{{#if upgrade}}" + paragraph("Félicitatiounen! Är Akeef hunn Iech an de Status <strong>{{tier.name}}</strong> bruecht{{#if previous_tier.name}} (virdrun {{previous_tier.name}}){{/if}}. Är nei Virdeeler gëllen ab Ärer nächster Bestellung.") + "{{else}}" + paragraph("{{#if tier.name}}Äre Status ass elo <strong>{{tier.name}}</strong> (virdrun {{previous_tier.name}}){{else}}Äre Status <strong>{{previous_tier.name}}</strong> ass ofgelaf{{/if}}: Är Aktivitéit an der leschter Period ass och no der Kulanzfrist ënner senger Schwell bliwwen. All Akaf bréngt Iech erëm méi no drun.") + "{{/if}}" +
      "{{#if tier.perks}}" + paragraph("Är Virdeeler als {{tier.name}}: {{tier.perks}}") + "{{/if}}" +
      paragraph("Dir hutt <strong>{{balance}} Punkten</strong>.") +
      shopHtml + signOffHtml,
    text_body:
      `${hello}\n\n{{#if upgrade}}Félicitatiounen! Är Akeef hunn Iech an de Status {{tier.name}} bruecht{{#if previous_tier.name}} (virdrun {{previous_tier.name}}){{/if}}. Är nei Virdeeler gëllen ab Ärer nächster Bestellung.{{else}}{{#if tier.name}}Äre Status ass elo {{tier.name}} (virdrun {{previous_tier.name}}){{else}}Äre Status {{previous_tier.name}} ass ofgelaf{{/if}}: Är Aktivitéit an der leschter Period ass och no der Kulanzfrist ënner senger Schwell bliwwen. All Akaf bréngt Iech erëm méi no drun.{{/if}}\n\n` +
      `{{#if tier.perks}}Är Virdeeler als {{tier.name}}: {{tier.perks}}\n\n{{/if}}Dir hutt {{balance}} Punkten.\n\n` +
      shopText + signOff,
  },
  loyalty_birthday_bonus: {
    subject: "Alles Guddes fir Äre Gebuertsdag! {{points}} Punkten fir Iech",
    html_body:
      paragraph(hello) +
      paragraph("Déi ganz Equipe vu {{store.name}} wënscht Iech alles Guddes fir Äre Gebuertsdag! Fir ze feieren, hu mir <strong>{{points}} Punkten</strong> op Äre {{program.name}}-Kont gesat.") +
      paragraph("Dir hutt elo <strong>{{balance}} Punkten</strong>.") +
      shopHtml + signOffHtml,
    text_body:
      `${hello}\n\nDéi ganz Equipe vu {{store.name}} wënscht Iech alles Guddes fir Äre Gebuertsdag! Fir ze feieren, hu mir {{points}} Punkten op Äre {{program.name}}-Kont gesat.\n\nDir hutt elo {{balance}} Punkten.\n\n` +
      shopText + signOff,
  },
  loyalty_referral_bonus: {
    subject: "{{#if referrer}}Merci fir Är Empfeelung: {{points}} Punkten{{else}}Wëllkommskaddo: {{points}} Punkten{{/if}}",
    html_body:
      paragraph(hello) +
      "{{#if referrer}}" + paragraph("Eng Persoun, déi Dir invitéiert hutt, ass bei {{program.name}} bäigetrueden an huet hir éischt Bestellung gemaach. Merci: <strong>{{points}} Punkten</strong> sinn elo op Ärem Kont.") + "{{else}}" + paragraph("Dir sidd op Invitatioun bei {{program.name}} bäigetrueden an Är éischt Bestellung ass confirméiert: <strong>{{points}} Punkten</strong> sinn elo op Ärem Kont.") + "{{/if}}" +
      paragraph("Dir hutt elo <strong>{{balance}} Punkten</strong>.") +
      shopHtml + signOffHtml,
    text_body:
      `${hello}\n\n{{#if referrer}}Eng Persoun, déi Dir invitéiert hutt, ass bei {{program.name}} bäigetrueden an huet hir éischt Bestellung gemaach. Merci: {{points}} Punkten sinn elo op Ärem Kont.{{else}}Dir sidd op Invitatioun bei {{program.name}} bäigetrueden an Är éischt Bestellung ass confirméiert: {{points}} Punkten sinn elo op Ärem Kont.{{/if}}\n\nDir hutt elo {{balance}} Punkten.\n\n` +
      shopText + signOff,
  },
}
