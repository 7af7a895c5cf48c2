import { definePolicies } from "@medusajs/framework/utils"

/**
 * RBAC permissions of loyalty emails, synced to Medusa's RBAC tables when the `rbac`
 * feature flag is on. Grant `loyalty:manage_templates` to a role for store staff who write
 * the shop's mails; `loyalty:manage_email_settings` controls the mail server settings.
 */
export const loyaltyMessagingPolicies = definePolicies([
  {
    name: "ManageLoyaltyTemplates",
    resource: "loyalty",
    operation: "manage_templates",
    description: "Edit loyalty email templates",
  },
  {
    name: "ManageLoyaltyEmailSettings",
    resource: "loyalty",
    operation: "manage_email_settings",
    description: "Change the loyalty email server settings",
  },
])
