/** A step in the diff: the explorer's own node, plus its diff state tag and the divergence badge. */
import type { NodeProps } from '@xyflow/react'
import { memo } from 'react'
import type { DiffStepState } from '../../src-shared/run/diff/diff-view-model'
import { StepBody } from '../graph/StepNode'
import type { DiffFlowNode } from './diff-graph-model'

/** Colour is not the only signal: one-sided and changed steps also say so in words. */
export const STATE_TAGS: Partial<Record<DiffStepState, string>> = {
  changed: 'changed',
  'only-a': 'only in A',
  'only-b': 'only in B'
}

export const DiffStepNode = memo(function DiffStepNode({ data }: NodeProps<DiffFlowNode>) {
  const tag = STATE_TAGS[data.diffState]
  return (
    <div className="diff-node" data-diff-state={data.diffState}>
      <StepBody data={data} isError={data.isError} />
      {(tag || data.firstDivergence) && (
        <div className="diff-node-badges">
          {data.firstDivergence && <span className="diff-badge diff-badge-divergence">first divergence</span>}
          {tag && <span className={`diff-badge diff-badge-${data.diffState}`}>{tag}</span>}
        </div>
      )}
    </div>
  )
})
