/**
 * The open run's views: the graph stays mounted (its layout is the expensive part) and the timeline,
 * outline and table draw over it, all reading and writing the store's one selection.
 */
import './views.css'
import { RunGraph } from '../graph/RunGraph'
import { selectOpenRun } from '../store/selectors'
import { useTine } from '../store/store'
import { HottestSteps } from './HottestSteps'
import { Outline } from './Outline'
import { StepTable } from './StepTable'
import { Timeline } from './Timeline'
import { ViewBar } from './ViewBar'

export function RunViews() {
  const run = useTine(selectOpenRun)
  const kind = useTine((state) => state.runViewKind)
  if (!run) return null
  return (
    <>
      <ViewBar run={run} />
      <div className="run-views" data-view={kind}>
        <RunGraph />
        {kind !== 'graph' && (
          <div className="run-view-overlay">
            {kind === 'timeline' && <Timeline run={run} />}
            {kind === 'outline' && <Outline run={run} />}
            {kind === 'table' && <StepTable run={run} />}
          </div>
        )}
        <HottestSteps run={run} />
      </div>
    </>
  )
}
