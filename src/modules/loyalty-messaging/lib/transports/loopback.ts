import net from "node:net"

/**
 * True only for a host written as a loopback address: `localhost`, 127.0.0.0/8, `::1`
 * (also IPv4-mapped). Names are not resolved: a name that merely resolves to loopback is
 * treated as remote, so a DNS change can never turn TLS off.
 */
export function isLoopbackHost(host: string | null | undefined): boolean {
  if (!host) return false
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1")
  if (h === "localhost") return true
  if (net.isIPv4(h)) return h.startsWith("127.")
  if (net.isIPv6(h)) {
    if (h === "::1" || h === "0:0:0:0:0:0:0:1") return true
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h)
    return !!mapped && mapped[1].startsWith("127.")
  }
  return false
}
