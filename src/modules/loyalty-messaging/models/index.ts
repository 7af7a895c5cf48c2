export { EmailTemplate } from "./email-template"
export { EmailSettings } from "./email-settings"
export { EmailLog, EMAIL_LOG_STATUSES } from "./email-log"
export { ExpiryNotice } from "./expiry-notice"
