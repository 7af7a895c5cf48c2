/**
 * The longest gap, in seconds, between two runs of a cron schedule as the plugin's jobs write
 * them: minute and hour fields of `*`, `*\/n` or a number (or a list of numbers), day, month and
 * weekday `*` or fixed. Enough for "did it run within its schedule", not a cron engine.
 */
export function cronIntervalSeconds(expression: string): number {
  const [minute = "*", hour = "*", dom = "*", month = "*", dow = "*"] = expression.trim().split(/\s+/)
  const gap = (field: string, size: number): number | null => {
    if (field === "*") return 1
    const step = field.match(/^\*\/(\d+)$/)
    if (step) return Number(step[1])
    const values = field.split(",").map(Number)
    if (values.some((v) => !Number.isInteger(v))) return null
    if (values.length === 1) return size
    const sorted = [...values].sort((a, b) => a - b)
    return Math.max(...sorted.map((v, i) => ((sorted[i + 1] ?? sorted[0] + size) - v)))
  }
  if (month !== "*") return 366 * 86_400
  if (dom !== "*") return 31 * 86_400
  if (dow !== "*") return 7 * 86_400
  const h = gap(hour, 24)
  const m = gap(minute, 60)
  if (h === null || m === null) return 86_400
  if (hour === "*") return m * 60
  // A fixed hour (or hour step): the gap is in hours; the minute field only shifts the run.
  return h * 3600
}
