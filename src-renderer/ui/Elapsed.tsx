/** Seconds since `since` (a performance.now() time), counting up while a load runs. */
import { useNow } from '../lib/use-now'

const monotonic = () => performance.now()

export function Elapsed({ since }: { since: number }) {
  const now = useNow(100, monotonic)
  return <>{((now - since) / 1000).toFixed(1)} s</>
}
