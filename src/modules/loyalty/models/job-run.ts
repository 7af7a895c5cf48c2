import { model } from "@medusajs/framework/utils"

/**
 * The last run of one of the plugin's scheduled jobs (or the event-bus heartbeat), for the go-live
 * board: when it started and finished, whether it failed and with which error.
 */
export const JobRun = model
  .define("loyalty_job_run", {
    id: model.id({ prefix: "ljrun" }).primaryKey(),
    name: model.text(),
    last_started_at: model.dateTime().nullable(),
    last_finished_at: model.dateTime().nullable(),
    last_succeeded_at: model.dateTime().nullable(),
    last_failed_at: model.dateTime().nullable(),
    last_error: model.text().nullable(),
    runs: model.number().default(0),
    failures: model.number().default(0),
  })
  .indexes([{ name: "IDX_loyalty_job_run_name", on: ["name"], unique: true, where: null }])
