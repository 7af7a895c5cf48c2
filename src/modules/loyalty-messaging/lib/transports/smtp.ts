import net from "node:net"
import nodemailer, { type Transporter } from "nodemailer"
import type SMTPTransport from "nodemailer/lib/smtp-transport"
import type { EmailTransport, SendOptions, TransportMessage, TransportReceipt } from "./types"

/**
 * How the connection is secured, decided before connecting (never negotiated down):
 * TLS from the first byte, STARTTLS required (no STARTTLS, no mail), or plain SMTP, which
 * only a loopback host gets (see `smtpConnection`).
 */
export type SmtpSecurity = "implicit_tls" | "starttls" | "plain"

export type SmtpConnection = {
  host: string
  port: number
  security: SmtpSecurity
  user?: string | null
  password?: string | null
  rejectUnauthorized: boolean
  timeoutMs?: number
}

/** Waiting for the TCP connection and for the greeting, each (ms). */
export const SMTP_CONNECT_TIMEOUT_MS = 15_000
/** Silence on an open connection before it is given up (ms). */
export const SMTP_SOCKET_TIMEOUT_MS = 30_000
/** The longest one SMTP attempt can take when every phase uses its whole timeout. */
export const SMTP_WORST_CASE_MS = 2 * SMTP_CONNECT_TIMEOUT_MS + SMTP_SOCKET_TIMEOUT_MS

/** nodemailer's options for a connection: the security is explicit, never left to defaults. */
export function nodemailerOptions(c: SmtpConnection): SMTPTransport.Options {
  const connect = c.timeoutMs ?? SMTP_CONNECT_TIMEOUT_MS
  return {
    host: c.host,
    port: c.port,
    secure: c.security === "implicit_tls",
    requireTLS: c.security === "starttls",
    ignoreTLS: c.security === "plain",
    auth: c.user ? { user: c.user, pass: c.password ?? "" } : undefined,
    // SNI takes a host name only, never an IP address.
    tls: { rejectUnauthorized: c.rejectUnauthorized, ...(net.isIP(c.host) ? {} : { servername: c.host }) },
    connectionTimeout: connect,
    greetingTimeout: connect,
    socketTimeout: c.timeoutMs ? c.timeoutMs * 2 : SMTP_SOCKET_TIMEOUT_MS,
  }
}

/** nodemailer's SMTP transport; also carries SendGrid through its SMTP relay. */
export class SmtpTransport implements EmailTransport {
  private readonly transporter: Transporter

  constructor(readonly provider: string, private readonly connection: SmtpConnection) {
    this.transporter = nodemailer.createTransport(nodemailerOptions(connection))
  }

  async send(message: TransportMessage, opts: SendOptions = {}): Promise<TransportReceipt> {
    try {
      const info = await this.transporter.sendMail({
        from: message.from.name ? { name: message.from.name, address: message.from.address } : message.from.address,
        to: message.to,
        replyTo: message.reply_to ?? undefined,
        subject: message.subject,
        html: message.html,
        text: message.text,
        messageId: message.message_id,
        signal: opts.signal,
      })
      return { message_id: info.messageId, response: info.response }
    } catch (e) {
      throw explain(e, this.connection)
    }
  }

  /** Connects, secures and authenticates without sending (the diagnosis's auth step). */
  async verify(): Promise<void> {
    try {
      await this.transporter.verify()
    } catch (e) {
      throw explain(e, this.connection)
    }
  }

  close() {
    this.transporter.close()
  }
}

/** A refused STARTTLS says why plain SMTP was not an option (the server's words stay). */
function explain(e: unknown, c: SmtpConnection): unknown {
  const err = e as Error & { code?: string }
  if (c.security === "starttls" && err?.code === "ETLS" && /upgrading connection with STARTTLS/i.test(err.message)) {
    err.message =
      `${c.host}:${c.port} did not upgrade to TLS with STARTTLS, which is required: RewardFlow sends plain SMTP ` +
      `(password and mail unencrypted) only to a loopback host (localhost, 127.0.0.1, ::1). ` +
      `Use a server that offers STARTTLS, or implicit TLS (secure, port 465). Server said: ${err.message}`
  }
  return e
}
