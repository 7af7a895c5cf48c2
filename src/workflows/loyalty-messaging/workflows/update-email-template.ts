import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateEmailTemplateStep, type UpdateEmailTemplateStepInput } from "../steps/update-email-template"

export const updateEmailTemplateWorkflowId = "update-loyalty-email-template"

export type UpdateEmailTemplateWorkflowInput = UpdateEmailTemplateStepInput

/**
 * Edits a template (subject, bodies, active flag), validated, recording who edited it.
 *
 * @example
 * await updateEmailTemplateWorkflow(container).run({ input: { id, subject: "Moien {{customer.first_name}}", actor_id } })
 */
export const updateEmailTemplateWorkflow = createWorkflow(
  updateEmailTemplateWorkflowId,
  (input: UpdateEmailTemplateWorkflowInput) => new WorkflowResponse(updateEmailTemplateStep(input))
)
