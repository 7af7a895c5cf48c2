import type { TemplateContent } from "../lib/render-email"
import type { EmailLocale, TemplateKey } from "../lib/variables"
import { de } from "./de"
import { en } from "./en"
import { fr } from "./fr"
import { lb } from "./lb"

/** The copy seeded on `medusa db:migrate`: eight templates in en, fr, de and lb. */
export const SEED_TEMPLATES: Record<EmailLocale, Record<TemplateKey, TemplateContent>> = { en, fr, de, lb }
