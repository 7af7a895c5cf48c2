import type { EmailTransport, TransportMessage, TransportReceipt } from "./types"

/** Sends nothing: the email log row is the only record (the demo default). */
export class LogTransport implements EmailTransport {
  readonly provider = "log"

  constructor(private readonly logger?: { info(msg: string): void }) {}

  async send(message: TransportMessage): Promise<TransportReceipt> {
    this.logger?.info(`[rewardflow] email not sent (provider "log"): "${message.subject}" to ${message.to}`)
    return { message_id: message.message_id, response: "logged only" }
  }

  close() {}
}
