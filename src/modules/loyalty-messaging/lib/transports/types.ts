/** A rendered mail as a transport sends it. */
export type TransportMessage = {
  from: { address: string; name?: string | null }
  to: string
  reply_to?: string | null
  subject: string
  html: string
  text: string
  /** Stable across attempts: a resent duplicate carries the same Message-ID. */
  message_id: string
}

/** What a transport says after the server accepted the mail. */
export type TransportReceipt = { message_id: string; response?: string }

export type SendOptions = {
  /** Aborts the send (the attempt's deadline, inside the claim's lease). */
  signal?: AbortSignal
}

/** How a mail leaves: SMTP, SendGrid's relay, or nowhere (log). Swap it without touching callers. */
export interface EmailTransport {
  readonly provider: string
  send(message: TransportMessage, opts?: SendOptions): Promise<TransportReceipt>
  close(): void
}

/** The connection a transport uses, as the test mail and the log report it. */
export type DeliveryDescription = {
  provider: string
  host: string | null
  port: number | null
  security: string
  /** The sender's address (from_address without its display name). */
  from: string | null
  /** The sender's name: from_name, else the display name in from_address; null without one. */
  from_name: string | null
  user: string | null
}
