import type { TemplateContent } from "../lib/render-email"
import type { TemplateKey } from "../lib/variables"
import { button, paragraph } from "./markup"

const hello = "{{#if customer.first_name}}Bonjour {{customer.first_name}},{{else}}Bonjour,{{/if}}"
const walletHtml = "{{#if wallet_url}}" + paragraph('Gardez votre carte sur votre téléphone : <a href="{{wallet_url}}">ajoutez-la à Google Wallet</a>.') + "{{/if}}"
const walletText = "{{#if wallet_url}}Gardez votre carte sur votre téléphone, ajoutez-la à Google Wallet : {{wallet_url}}\n\n{{/if}}"
const shopHtml = "{{#if shop_url}}" + button("{{shop_url}}", "Voir mes points") + "{{/if}}"
const shopText = "{{#if shop_url}}Voir vos points : {{shop_url}}\n\n{{/if}}"
const signOff = "À bientôt,\nL’équipe {{store.name}}"
const signOffHtml = paragraph("À bientôt,<br>L’équipe {{store.name}}")

export const fr: Record<TemplateKey, TemplateContent> = {
  loyalty_enrollment: {
    subject: "Bienvenue dans {{program.name}} !",
    html_body:
      paragraph(hello) +
      paragraph("Merci d’avoir rejoint le programme {{program.name}} de {{store.name}}. Désormais, chaque achat vous rapporte des points à échanger contre des récompenses.") +
      paragraph("Votre numéro de carte : <strong>{{card_number}}</strong><br>Votre solde : <strong>{{balance}} points</strong>") +
      walletHtml + shopHtml + signOffHtml,
    text_body:
      `${hello}\n\nMerci d’avoir rejoint le programme {{program.name}} de {{store.name}}. Désormais, chaque achat vous rapporte des points à échanger contre des récompenses.\n\nVotre numéro de carte : {{card_number}}\nVotre solde : {{balance}} points\n\n` +
      walletText + shopText + signOff,
  },
  loyalty_welcome_bonus: {
    subject: "{{points}} points de bienvenue vous attendent",
    html_body:
      paragraph(hello) +
      paragraph("Pour vous remercier de votre inscription à {{program.name}}, nous avons crédité <strong>{{points}} points</strong> sur votre compte.") +
      paragraph("Votre solde est maintenant de <strong>{{balance}} points</strong>.") +
      walletHtml + shopHtml + signOffHtml,
    text_body:
      `${hello}\n\nPour vous remercier de votre inscription à {{program.name}}, nous avons crédité {{points}} points sur votre compte.\n\nVotre solde est maintenant de {{balance}} points.\n\n` +
      walletText + shopText + signOff,
  },
  loyalty_points_earned: {
    subject: "Vous avez gagné {{points}} points",
    html_body:
      paragraph(hello) +
      paragraph("Merci pour votre commande{{#if order.display_id}} n° {{order.display_id}}{{/if}} ! Elle vous rapporte <strong>{{points}} points</strong>.") +
      paragraph("Votre solde est maintenant de <strong>{{balance}} points</strong>.") +
      shopHtml + signOffHtml,
    text_body:
      `${hello}\n\nMerci pour votre commande{{#if order.display_id}} n° {{order.display_id}}{{/if}} ! Elle vous rapporte {{points}} points.\n\nVotre solde est maintenant de {{balance}} points.\n\n` +
      shopText + signOff,
  },
  loyalty_reward_ready: {
    subject: "{{#if reward.name}}Votre récompense est prête : {{reward.name}}{{else}}Votre récompense est prête{{/if}}",
    html_body:
      paragraph(hello) +
      paragraph("Bonne nouvelle : vous avez maintenant <strong>{{balance}} points</strong>, de quoi obtenir {{#if reward.name}}<strong>{{reward.name}}</strong>{{else}}une récompense{{/if}}{{#if reward.points_cost}} ({{reward.points_cost}} points){{/if}}.") +
      paragraph("Utilisez-la lors de votre prochain achat, en ligne ou en boutique.") +
      shopHtml + signOffHtml,
    text_body:
      `${hello}\n\nBonne nouvelle : vous avez maintenant {{balance}} points, de quoi obtenir {{#if reward.name}}{{reward.name}}{{else}}une récompense{{/if}}{{#if reward.points_cost}} ({{reward.points_cost}} points){{/if}}.\n\nUtilisez-la lors de votre prochain achat, en ligne ou en boutique.\n\n` +
      shopText + signOff,
  },
  loyalty_points_expiring: {
    subject: "{{points}} points expirent le {{expires_at}}",
    html_body:
      paragraph(hello) +
      paragraph("<strong>{{points}} de vos points</strong> expirent le <strong>{{expires_at}}</strong>. Profitez-en d’ici là : votre solde est de {{balance}} points.") +
      shopHtml + signOffHtml,
    text_body:
      `${hello}\n\n{{points}} de vos points expirent le {{expires_at}}. Profitez-en d’ici là : votre solde est de {{balance}} points.\n\n` +
      shopText + signOff,
  },
  loyalty_tier_changed: {
    subject: "{{#if upgrade}}Bienvenue au niveau {{tier.name}} !{{else}}{{#if tier.name}}Votre niveau est maintenant {{tier.name}}{{else}}Votre niveau {{previous_tier.name}} a pris fin{{/if}}{{/if}}",
    html_body:
      paragraph(hello) +
      "{{#if upgrade}}" + paragraph("Félicitations ! Vos achats vous ont fait passer au niveau <strong>{{tier.name}}</strong>{{#if previous_tier.name}} (vous étiez {{previous_tier.name}}){{/if}}. Vos nouveaux avantages s’appliquent dès votre prochaine commande.") + "{{else}}" + paragraph("{{#if tier.name}}Votre niveau est maintenant <strong>{{tier.name}}</strong> (vous étiez {{previous_tier.name}}){{else}}Votre niveau <strong>{{previous_tier.name}}</strong> a pris fin{{/if}} : votre activité sur la dernière période est restée sous son seuil, même après le délai de grâce. Chaque achat vous en rapproche à nouveau.") + "{{/if}}" +
      "{{#if tier.perks}}" + paragraph("Vos avantages {{tier.name}} : {{tier.perks}}") + "{{/if}}" +
      paragraph("Votre solde : <strong>{{balance}} points</strong>.") +
      shopHtml + signOffHtml,
    text_body:
      `${hello}\n\n{{#if upgrade}}Félicitations ! Vos achats vous ont fait passer au niveau {{tier.name}}{{#if previous_tier.name}} (vous étiez {{previous_tier.name}}){{/if}}. Vos nouveaux avantages s’appliquent dès votre prochaine commande.{{else}}{{#if tier.name}}Votre niveau est maintenant {{tier.name}} (vous étiez {{previous_tier.name}}){{else}}Votre niveau {{previous_tier.name}} a pris fin{{/if}} : votre activité sur la dernière période est restée sous son seuil, même après le délai de grâce. Chaque achat vous en rapproche à nouveau.{{/if}}\n\n` +
      `{{#if tier.perks}}Vos avantages {{tier.name}} : {{tier.perks}}\n\n{{/if}}Votre solde : {{balance}} points.\n\n` +
      shopText + signOff,
  },
  loyalty_birthday_bonus: {
    subject: "Joyeux anniversaire ! {{points}} points pour vous",
    html_body:
      paragraph(hello) +
      paragraph("Toute l’équipe {{store.name}} vous souhaite un joyeux anniversaire ! Pour fêter ça, nous avons ajouté <strong>{{points}} points</strong> à votre compte {{program.name}}.") +
      paragraph("Votre solde est maintenant de <strong>{{balance}} points</strong>.") +
      shopHtml + signOffHtml,
    text_body:
      `${hello}\n\nToute l’équipe {{store.name}} vous souhaite un joyeux anniversaire ! Pour fêter ça, nous avons ajouté {{points}} points à votre compte {{program.name}}.\n\nVotre solde est maintenant de {{balance}} points.\n\n` +
      shopText + signOff,
  },
  loyalty_referral_bonus: {
    subject: "{{#if referrer}}Merci pour votre parrainage : {{points}} points{{else}}Cadeau de bienvenue : {{points}} points{{/if}}",
    html_body:
      paragraph(hello) +
      "{{#if referrer}}" + paragraph("Une personne que vous avez invitée a rejoint {{program.name}} et passé sa première commande. Merci : <strong>{{points}} points</strong> ont été ajoutés à votre compte.") + "{{else}}" + paragraph("Vous avez rejoint {{program.name}} grâce à l’invitation d’un proche et votre première commande est confirmée : <strong>{{points}} points</strong> ont été ajoutés à votre compte.") + "{{/if}}" +
      paragraph("Votre solde est maintenant de <strong>{{balance}} points</strong>.") +
      shopHtml + signOffHtml,
    text_body:
      `${hello}\n\n{{#if referrer}}Une personne que vous avez invitée a rejoint {{program.name}} et passé sa première commande. Merci : {{points}} points ont été ajoutés à votre compte.{{else}}Vous avez rejoint {{program.name}} grâce à l’invitation d’un proche et votre première commande est confirmée : {{points}} points ont été ajoutés à votre compte.{{/if}}\n\nVotre solde est maintenant de {{balance}} points.\n\n` +
      shopText + signOff,
  },
}
