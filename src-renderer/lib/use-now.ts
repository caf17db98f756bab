import { useEffect, useState } from 'react'

/** The current time, refreshed every `intervalMs`, so relative ages stay true; `read` picks the clock. */
export function useNow(intervalMs: number, read: () => number = Date.now): number {
  const [now, setNow] = useState(read)
  useEffect(() => {
    const timer = setInterval(() => setNow(read()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs, read])
  return now
}
