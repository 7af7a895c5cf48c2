import net from "node:net"
import nodemailer, { type Transporter } from "nodemailer"
import type { EmailTransport, TransportMessage, TransportReceipt } from "./types"

export type SmtpConnection = {
  host: string
  port: number
  /** Implicit TLS (465); otherwise STARTTLS when offered, or required with `requireTls`. */
  secure: boolean
  requireTls: boolean
  user?: string | null
  password?: string | null
  rejectUnauthorized: boolean
  timeoutMs?: number
}

/** nodemailer's SMTP transport; also carries SendGrid through its SMTP relay. */
export class SmtpTransport implements EmailTransport {
  private readonly transporter: Transporter

  constructor(readonly provider: string, connection: SmtpConnection) {
    const timeout = connection.timeoutMs ?? 15_000
    this.transporter = nodemailer.createTransport({
      host: connection.host,
      port: connection.port,
      secure: connection.secure,
      requireTLS: connection.requireTls,
      auth: connection.user ? { user: connection.user, pass: connection.password ?? "" } : undefined,
      // SNI takes a host name only, never an IP address.
      tls: { rejectUnauthorized: connection.rejectUnauthorized, ...(net.isIP(connection.host) ? {} : { servername: connection.host }) },
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout * 2,
    })
  }

  async send(message: TransportMessage): Promise<TransportReceipt> {
    const info = await this.transporter.sendMail({
      from: message.from.name ? { name: message.from.name, address: message.from.address } : message.from.address,
      to: message.to,
      replyTo: message.reply_to ?? undefined,
      subject: message.subject,
      html: message.html,
      text: message.text,
      messageId: message.message_id,
    })
    return { message_id: info.messageId, response: info.response }
  }

  /** Connects, secures and authenticates without sending (the diagnosis's auth step). */
  async verify(): Promise<void> {
    await this.transporter.verify()
  }

  close() {
    this.transporter.close()
  }
}
