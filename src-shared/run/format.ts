/** Display helpers shared by the CLI and the app (spec §17 spellings). */

/** The first 12 characters of an id, as opentine prints it. */
export function shortId(id: string): string {
  return id.slice(0, 12)
}

/**
 * Python's `'%.<digits>f' % x`: the exact binary value rounded half-to-even. (JS `toFixed` rounds
 * exact ties up, so 0.125 would print 0.13 where opentine prints 0.12.)
 */
export function pythonFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : x < 0 ? '-inf' : 'nan'
  const rounded = x.toFixed(digits)
  const exact = Math.abs(x).toFixed(Math.min(100, digits + 60))
  const tail = exact.slice(exact.length - 60)
  if (!/^50*$/.test(tail)) return rounded
  // An exact tie: round to the even last digit.
  const truncated = (x < 0 ? '-' : '') + exact.slice(0, exact.length - 60).replace(/\.$/, '')
  const lastDigit = Number(truncated[truncated.length - 1])
  if (lastDigit % 2 === 0) return truncated
  return rounded
}

/** `$%.4f` below one cent, else `$%.3f`. */
export function formatCost(usd: number): string {
  return `$${pythonFixed(usd, usd < 0.01 ? 4 : 3)}`
}

/** Token counts with thousands separators, e.g. 12,345. */
export function formatTokens(count: number): string {
  return Math.round(count).toLocaleString('en-US')
}
