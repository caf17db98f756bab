/** The one status word a run shows everywhere: a cancelled run is saved as paused, but reads "cancelled". */
import type { RunView } from '../../src-shared/api/types'

export function runStatusText(run: Pick<RunView, 'status' | 'cancelled'>): string {
  return run.cancelled ? 'cancelled' : run.status
}
