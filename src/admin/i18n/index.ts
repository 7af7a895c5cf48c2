import de from "./json/de.json"
import en from "./json/en.json"
import fr from "./json/fr.json"
import lb from "./json/lb.json"

/**
 * RewardFlow's admin texts, namespace `rewardflow` (`useTranslation("rewardflow")`). The
 * dashboard merges them into its own resources; a missing key falls back to English.
 */
export default {
  en: { rewardflow: en },
  fr: { rewardflow: fr },
  de: { rewardflow: de },
  lb: { rewardflow: lb },
}
