import dns from "node:dns/promises"
import net from "node:net"
import { SmtpTransport, type SmtpConnection } from "./transports"
import { SmtpDialog } from "./smtp-dialog"

export type DiagnoseStep = {
  step: "dns" | "tcp" | "tls" | "auth"
  target: string
  status: "ok" | "failed" | "skipped"
  ms: number
  detail?: string
  error?: string
}

async function timed(
  step: DiagnoseStep["step"],
  target: string,
  run: () => Promise<string | { skipped: string }>
): Promise<DiagnoseStep> {
  const started = process.hrtime.bigint()
  const ms = () => Number((process.hrtime.bigint() - started) / 1_000_000n)
  try {
    const result = await run()
    if (typeof result === "object") return { step, target, status: "skipped", ms: ms(), detail: result.skipped }
    return { step, target, status: "ok", ms: ms(), detail: result }
  } catch (e) {
    return { step, target, status: "failed", ms: ms(), error: (e as Error).message || String(e) }
  }
}

function tcpConnect(host: string, port: number, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port })
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`timed out after ${timeoutMs} ms (a firewall may drop port ${port})`)))
    socket.once("connect", () => {
      const peer = `${socket.remoteAddress}:${socket.remotePort}`
      socket.destroy()
      resolve(`connected to ${peer}`)
    })
    socket.once("error", reject)
  })
}

/**
 * Greeting, EHLO and the security the send would use: the TLS handshake (implicit), the
 * STARTTLS upgrade (required for every host but loopback), or plain on a loopback host.
 */
async function handshake(c: SmtpConnection, timeoutMs: number): Promise<string | { skipped: string }> {
  const implicitTls = c.security === "implicit_tls"
  const dialog = await SmtpDialog.open(c.host, c.port, { implicitTls, rejectUnauthorized: c.rejectUnauthorized, timeoutMs })
  try {
    const greeting = await dialog.reply()
    if (greeting.code !== 220) throw new Error(`greeting ${greeting.code} ${greeting.lines.join(" ")}`)
    const ehlo = await dialog.reply("EHLO rewardflow-diagnose")
    if (ehlo.code !== 250) throw new Error(`EHLO answered ${ehlo.code} ${ehlo.lines.join(" ")}`)
    if (implicitTls) return `implicit TLS: ${dialog.tlsDescription}`
    if (c.security === "plain") return { skipped: `plain SMTP to the loopback host ${c.host} (no TLS; set require_tls to use STARTTLS)` }
    if (!ehlo.lines.some((l) => /^STARTTLS\b/i.test(l))) {
      throw new Error(
        `${c.host}:${c.port} does not offer STARTTLS, and plain SMTP is used only for a loopback host ` +
          `(localhost, 127.0.0.1, ::1): no mail would be sent. Use a server with STARTTLS, or implicit TLS (secure, port 465)`
      )
    }
    const start = await dialog.reply("STARTTLS")
    if (start.code !== 220) throw new Error(`STARTTLS answered ${start.code} ${start.lines.join(" ")}`)
    return `STARTTLS: ${await dialog.upgrade(c.host, c.rejectUnauthorized)}`
  } finally {
    dialog.close()
  }
}

/**
 * What a merchant needs when mail does not leave: DNS, a TCP connect to the configured port
 * and to 465 and 587 (hosts often block one of them), the TLS or STARTTLS handshake, and
 * authentication. Each step reports ok, failed (with the error) or skipped, and its time.
 */
export async function diagnoseSmtp(c: SmtpConnection, timeoutMs = 3000): Promise<DiagnoseStep[]> {
  const steps: DiagnoseStep[] = []
  steps.push(
    await timed("dns", c.host, async () => {
      if (net.isIP(c.host)) return `${c.host} is an IP address`
      const addresses = await dns.lookup(c.host, { all: true })
      return addresses.map((a) => a.address).join(", ")
    })
  )
  const ports = [...new Set([c.port, 465, 587])]
  const tcp = await Promise.all(ports.map((port) => timed("tcp", `${c.host}:${port}`, () => tcpConnect(c.host, port, timeoutMs))))
  steps.push(...tcp)
  const target = `${c.host}:${c.port}`
  if (tcp[0].status !== "ok") {
    steps.push({ step: "tls", target, status: "skipped", ms: 0, detail: `port ${c.port} is not reachable` })
    steps.push({ step: "auth", target, status: "skipped", ms: 0, detail: `port ${c.port} is not reachable` })
    return steps
  }
  const secured = await timed("tls", target, () => handshake(c, timeoutMs))
  steps.push(secured)
  if (secured.status === "failed") {
    steps.push({ step: "auth", target, status: "skipped", ms: 0, detail: "the connection could not be secured (see tls): the password was not sent" })
    return steps
  }
  steps.push(
    await timed("auth", target, async () => {
      if (!c.user) return { skipped: "no user configured" }
      const transport = new SmtpTransport("smtp", { ...c, timeoutMs })
      try {
        await transport.verify()
      } finally {
        transport.close()
      }
      return `authenticated as ${c.user}`
    })
  )
  return steps
}
