import net from "node:net"
import tls from "node:tls"

/**
 * Just enough SMTP to watch a handshake step by step (greeting, EHLO, STARTTLS), which
 * nodemailer does not expose. Used only by the diagnosis; mail is sent by nodemailer.
 */
export class SmtpDialog {
  private buffer = ""
  private waiting: ((reply: { code: number; lines: string[] }) => void) | null = null
  private failure: Error | null = null

  private constructor(private socket: net.Socket | tls.TLSSocket, private readonly timeoutMs: number) {
    this.attach(socket)
  }

  static async open(host: string, port: number, opts: { implicitTls: boolean; rejectUnauthorized: boolean; timeoutMs: number }) {
    const socket = await new Promise<net.Socket>((resolve, reject) => {
      const s = opts.implicitTls
        ? tls.connect({ host, port, servername: net.isIP(host) ? undefined : host, rejectUnauthorized: opts.rejectUnauthorized })
        : net.connect({ host, port })
      s.setTimeout(opts.timeoutMs, () => s.destroy(new Error(`no answer within ${opts.timeoutMs} ms`)))
      s.once(opts.implicitTls ? "secureConnect" : "connect", () => resolve(s))
      s.once("error", reject)
    })
    return new SmtpDialog(socket, opts.timeoutMs)
  }

  private attach(socket: net.Socket) {
    socket.setEncoding("utf8")
    socket.on("data", (chunk: string) => {
      this.buffer += chunk
      this.flush()
    })
    socket.on("error", (e) => {
      this.failure = e
      this.waiting?.({ code: 0, lines: [e.message] })
    })
  }

  private flush() {
    if (!this.waiting) return
    const lines = this.buffer.split("\r\n")
    const last = lines.findIndex((l) => /^\d{3} /.test(l) || /^\d{3}$/.test(l))
    if (last < 0) return
    const reply = lines.slice(0, last + 1)
    this.buffer = lines.slice(last + 1).join("\r\n")
    const done = this.waiting
    this.waiting = null
    done({ code: Number(reply[last].slice(0, 3)), lines: reply.map((l) => l.slice(4)) })
  }

  /** Sends a command (or nothing, for the greeting) and waits for the full reply. */
  async reply(command?: string): Promise<{ code: number; lines: string[] }> {
    if (this.failure) throw this.failure
    const answer = new Promise<{ code: number; lines: string[] }>((resolve) => {
      this.waiting = resolve
    })
    if (command) this.socket.write(`${command}\r\n`)
    this.flush()
    const r = await answer
    if (this.failure) throw this.failure
    return r
  }

  /** Upgrades the connection after a 220 to STARTTLS; resolves with protocol and cipher. */
  async upgrade(servername: string, rejectUnauthorized: boolean): Promise<string> {
    const plain = this.socket
    plain.removeAllListeners("data")
    const secure = await new Promise<tls.TLSSocket>((resolve, reject) => {
      const s = tls.connect({ socket: plain, servername: net.isIP(servername) ? undefined : servername, rejectUnauthorized })
      s.setTimeout(this.timeoutMs, () => s.destroy(new Error(`TLS handshake did not finish within ${this.timeoutMs} ms`)))
      s.once("secureConnect", () => resolve(s))
      s.once("error", reject)
    })
    this.socket = secure
    this.attach(secure)
    return describeTls(secure)
  }

  get tlsDescription(): string | null {
    return this.socket instanceof tls.TLSSocket ? describeTls(this.socket) : null
  }

  close() {
    try {
      this.socket.end("QUIT\r\n")
    } catch {
      // already closed
    }
    this.socket.destroy()
  }
}

function describeTls(s: tls.TLSSocket) {
  const cipher = s.getCipher()
  return `${s.getProtocol() ?? "TLS"} ${cipher?.name ?? ""}`.trim()
}
