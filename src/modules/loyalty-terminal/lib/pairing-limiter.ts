/**
 * Wrong pairing codes per client address and in all, in a sliding window. Kept in the process's
 * memory: with several server instances each counts its own (codes are 8 of 31 characters and
 * live 10 minutes, so a per-instance limit still makes guessing hopeless).
 */
export class PairingLimiter {
  private readonly byIp = new Map<string, number[]>()
  private all: number[] = []

  constructor(private readonly limits: { perIp: number; global: number; windowMs: number }) {}

  private prune(times: number[], now: number) {
    return times.filter((t) => now - t < this.limits.windowMs)
  }

  /** Milliseconds until this address may try again, or 0. */
  retryAfterMs(ip: string, now = Date.now()): number {
    const mine = this.prune(this.byIp.get(ip) ?? [], now)
    this.byIp.set(ip, mine)
    this.all = this.prune(this.all, now)
    const waits: number[] = []
    if (mine.length >= this.limits.perIp) waits.push(mine[mine.length - this.limits.perIp] + this.limits.windowMs - now)
    if (this.all.length >= this.limits.global) waits.push(this.all[this.all.length - this.limits.global] + this.limits.windowMs - now)
    return waits.length ? Math.max(1, ...waits) : 0
  }

  recordFailure(ip: string, now = Date.now()) {
    const mine = this.byIp.get(ip) ?? []
    mine.push(now)
    this.byIp.set(ip, mine)
    this.all.push(now)
    if (this.byIp.size > 10_000) for (const [key, times] of this.byIp) if (!this.prune(times, now).length) this.byIp.delete(key)
  }
}
