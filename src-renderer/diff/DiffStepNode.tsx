/** A step in the diff: the explorer's own node, plus its diff state tag and the divergence badge. */
import type { NodeProps } from '@xyflow/react'
import { memo } from 'react'
import type { DiffStepState } from '../../src-shared/run/diff/diff-view-model'
import type { ErrorFlowNode, StepFlowNode } from '../graph/build-run-graph'
import { ErrorStepNode, StepNode } from '../graph/StepNode'
import type { DiffFlowNode } from './diff-graph-model'

/** Colour is not the only signal: one-sided and changed steps also say so in words. */
export const STATE_TAGS: Partial<Record<DiffStepState, string>> = {
  changed: 'changed',
  'only-a': 'only in A',
  'only-b': 'only in B'
}

export const DiffStepNode = memo(function DiffStepNode(props: NodeProps<DiffFlowNode>) {
  const { data } = props
  const tag = STATE_TAGS[data.diffState]
  return (
    <div className="diff-node" data-diff-state={data.diffState}>
      {data.isError ? (
        <ErrorStepNode {...(props as unknown as NodeProps<ErrorFlowNode>)} />
      ) : (
        <StepNode {...(props as unknown as NodeProps<StepFlowNode>)} />
      )}
      {(tag || data.firstDivergence) && (
        <div className="diff-node-badges">
          {data.firstDivergence && <span className="diff-badge diff-badge-divergence">first divergence</span>}
          {tag && <span className={`diff-badge diff-badge-${data.diffState}`}>{tag}</span>}
        </div>
      )}
    </div>
  )
})
