import de from "../../admin/i18n/json/de.json"
import en from "../../admin/i18n/json/en.json"
import fr from "../../admin/i18n/json/fr.json"
import lb from "../../admin/i18n/json/lb.json"

/**
 * The admin's texts as the server build sees them. Imported (not read from disk by path) so
 * that TypeScript emits the JSON into .medusa/server beside this file's compiled output: the
 * installed plugin ships .medusa/server only, where src/admin's sources are absent.
 */
export const ADMIN_TRANSLATIONS: Record<string, unknown> = { en, fr, de, lb }
