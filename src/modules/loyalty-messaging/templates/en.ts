import type { TemplateContent } from "../lib/render-email"
import type { TemplateKey } from "../lib/variables"
import { button, paragraph } from "./markup"

const hello = "{{#if customer.first_name}}Hello {{customer.first_name}},{{else}}Hello,{{/if}}"
const walletHtml = "{{#if wallet_url}}" + paragraph('Keep your card on your phone: <a href="{{wallet_url}}">add it to Google Wallet</a>.') + "{{/if}}"
const walletText = "{{#if wallet_url}}Keep your card on your phone, add it to Google Wallet: {{wallet_url}}\n\n{{/if}}"
const shopHtml = "{{#if shop_url}}" + button("{{shop_url}}", "See my points") + "{{/if}}"
const shopText = "{{#if shop_url}}See your points: {{shop_url}}\n\n{{/if}}"
const signOff = "See you soon,\nThe {{store.name}} team"
const signOffHtml = paragraph("See you soon,<br>The {{store.name}} team")

export const en: Record<TemplateKey, TemplateContent> = {
  loyalty_enrollment: {
    subject: "Welcome to {{program.name}}!",
    html_body:
      paragraph(hello) +
      paragraph("Thank you for joining {{program.name}} at {{store.name}}. From now on, every purchase earns you points that you can turn into rewards.") +
      paragraph("Your card number: <strong>{{card_number}}</strong><br>Your balance: <strong>{{balance}} points</strong>") +
      walletHtml + shopHtml + signOffHtml,
    text_body:
      `${hello}\n\nThank you for joining {{program.name}} at {{store.name}}. From now on, every purchase earns you points that you can turn into rewards.\n\nYour card number: {{card_number}}\nYour balance: {{balance}} points\n\n` +
      walletText + shopText + signOff,
  },
  loyalty_welcome_bonus: {
    subject: "{{points}} welcome points are yours",
    html_body:
      paragraph(hello) +
      paragraph("To say thank you for joining {{program.name}}, we have added <strong>{{points}} points</strong> to your account.") +
      paragraph("Your balance is now <strong>{{balance}} points</strong>.") +
      walletHtml + shopHtml + signOffHtml,
    text_body:
      `${hello}\n\nTo say thank you for joining {{program.name}}, we have added {{points}} points to your account.\n\nYour balance is now {{balance}} points.\n\n` +
      walletText + shopText + signOff,
  },
  loyalty_points_earned: {
    subject: "You earned {{points}} points",
    html_body:
      paragraph(hello) +
      paragraph("Thank you for your order{{#if order.display_id}} #{{order.display_id}}{{/if}}! It earned you <strong>{{points}} points</strong>.") +
      paragraph("Your balance is now <strong>{{balance}} points</strong>.") +
      shopHtml + signOffHtml,
    text_body:
      `${hello}\n\nThank you for your order{{#if order.display_id}} #{{order.display_id}}{{/if}}! It earned you {{points}} points.\n\nYour balance is now {{balance}} points.\n\n` +
      shopText + signOff,
  },
  loyalty_reward_ready: {
    subject: "{{#if reward.name}}Your reward is ready: {{reward.name}}{{else}}Your reward is ready{{/if}}",
    html_body:
      paragraph(hello) +
      paragraph("Good news: you now have <strong>{{balance}} points</strong>, enough for {{#if reward.name}}<strong>{{reward.name}}</strong>{{else}}a reward{{/if}}{{#if reward.points_cost}} ({{reward.points_cost}} points){{/if}}.") +
      paragraph("Redeem it with your next purchase, online or in store.") +
      shopHtml + signOffHtml,
    text_body:
      `${hello}\n\nGood news: you now have {{balance}} points, enough for {{#if reward.name}}{{reward.name}}{{else}}a reward{{/if}}{{#if reward.points_cost}} ({{reward.points_cost}} points){{/if}}.\n\nRedeem it with your next purchase, online or in store.\n\n` +
      shopText + signOff,
  },
  loyalty_points_expiring: {
    subject: "{{points}} points expire on {{expires_at}}",
    html_body:
      paragraph(hello) +
      paragraph("<strong>{{points}} of your points</strong> expire on <strong>{{expires_at}}</strong>. Use them before then: your balance is {{balance}} points.") +
      shopHtml + signOffHtml,
    text_body:
      `${hello}\n\n{{points}} of your points expire on {{expires_at}}. Use them before then: your balance is {{balance}} points.\n\n` +
      shopText + signOff,
  },
  loyalty_tier_changed: {
    subject: "{{#if upgrade}}Welcome to {{tier.name}}!{{else}}{{#if tier.name}}Your tier is now {{tier.name}}{{else}}Your {{previous_tier.name}} tier has ended{{/if}}{{/if}}",
    html_body:
      paragraph(hello) +
      "{{#if upgrade}}" + paragraph("Congratulations! Your purchases have taken you to <strong>{{tier.name}}</strong>{{#if previous_tier.name}}, up from {{previous_tier.name}}{{/if}}. Your new benefits apply from your next order on.") + "{{else}}" + paragraph("{{#if tier.name}}Your tier is now <strong>{{tier.name}}</strong>, down from {{previous_tier.name}}{{else}}Your <strong>{{previous_tier.name}}</strong> tier has ended{{/if}}: your activity over the last period stayed below its threshold, also after the grace period. Every purchase counts towards reaching it again.") + "{{/if}}" +
      "{{#if tier.perks}}" + paragraph("Your {{tier.name}} perks: {{tier.perks}}") + "{{/if}}" +
      paragraph("Your balance: <strong>{{balance}} points</strong>.") +
      shopHtml + signOffHtml,
    text_body:
      `${hello}\n\n{{#if upgrade}}Congratulations! Your purchases have taken you to {{tier.name}}{{#if previous_tier.name}}, up from {{previous_tier.name}}{{/if}}. Your new benefits apply from your next order on.{{else}}{{#if tier.name}}Your tier is now {{tier.name}}, down from {{previous_tier.name}}{{else}}Your {{previous_tier.name}} tier has ended{{/if}}: your activity over the last period stayed below its threshold, also after the grace period. Every purchase counts towards reaching it again.{{/if}}\n\n` +
      `{{#if tier.perks}}Your {{tier.name}} perks: {{tier.perks}}\n\n{{/if}}Your balance: {{balance}} points.\n\n` +
      shopText + signOff,
  },
  loyalty_birthday_bonus: {
    subject: "Happy birthday! {{points}} points for you",
    html_body:
      paragraph(hello) +
      paragraph("Happy birthday from all of us at {{store.name}}! To celebrate, we have added <strong>{{points}} points</strong> to your {{program.name}} account.") +
      paragraph("Your balance is now <strong>{{balance}} points</strong>.") +
      shopHtml + signOffHtml,
    text_body:
      `${hello}\n\nHappy birthday from all of us at {{store.name}}! To celebrate, we have added {{points}} points to your {{program.name}} account.\n\nYour balance is now {{balance}} points.\n\n` +
      shopText + signOff,
  },
  loyalty_referral_bonus: {
    subject: "{{#if referrer}}Thank you for the referral: {{points}} points{{else}}Welcome gift: {{points}} points{{/if}}",
    html_body:
      paragraph(hello) +
      "{{#if referrer}}" + paragraph("A friend you invited has joined {{program.name}} and placed their first order. Thank you: <strong>{{points}} points</strong> are now on your account.") + "{{else}}" + paragraph("You joined {{program.name}} with a friend's invitation and your first order is confirmed: <strong>{{points}} points</strong> are now on your account.") + "{{/if}}" +
      paragraph("Your balance is now <strong>{{balance}} points</strong>.") +
      shopHtml + signOffHtml,
    text_body:
      `${hello}\n\n{{#if referrer}}A friend you invited has joined {{program.name}} and placed their first order. Thank you: {{points}} points are now on your account.{{else}}You joined {{program.name}} with a friend's invitation and your first order is confirmed: {{points}} points are now on your account.{{/if}}\n\nYour balance is now {{balance}} points.\n\n` +
      shopText + signOff,
  },
}
