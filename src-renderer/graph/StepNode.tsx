/** The node components. Memoised, plain CSS, fixed size: thousands of them must stay cheap. */
import { Handle, Position, type NodeProps } from '@xyflow/react'
import { memo, type CSSProperties } from 'react'
import { formatCost, formatDuration } from '../lib/format'
import { heatColor } from '../views/heat'
import type { DotFlowNode, ErrorFlowNode, StepFlowNode, StepNodeData } from './build-run-graph'
import { KindIcon } from './KindIcon'
import { kindStyle } from './kinds'

/** The body every step node draws, in the explorer's graph and in the diff's. */
export function StepBody({ data, isError }: { data: StepNodeData; isError: boolean }) {
  const style = kindStyle(isError ? 'error' : data.kind)
  const classes = ['step-node', `kind-${style.kind}`]
  if (isError) classes.push('is-error')
  if (data.isMerge) classes.push('is-merge')
  // Set on a fork's fork point (see actions/fork-point.ts).
  const forkPoint = data.forkPoint === true
  if (forkPoint) classes.push('is-fork-point')
  if (data.match) classes.push('is-match')
  const heated = data.heat !== undefined
  if (heated) classes.push('is-heated')
  const css: Record<string, string> = { '--node-color': `var(${style.colorVar})` }
  if (heated) css['--heat'] = heatColor(data.heat ?? 0)
  return (
    <div
      className={classes.join(' ')}
      style={css as CSSProperties}
      data-kind={data.kind}
      data-fork-point={forkPoint ? 'true' : undefined}
      data-heat={heated ? (data.heat ?? 0).toFixed(4) : undefined}
      data-match={data.match ? 'true' : undefined}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="step-node-head">
        <KindIcon kind={isError ? 'error' : data.kind} />
        <span className="step-node-kind">{data.kind || 'step'}</span>
        <span className="step-node-index">#{data.index}</span>
        <span className="step-node-meta">
          {formatCost(data.cost)} · {formatDuration(data.duration)}
        </span>
      </div>
      <div className="step-node-label" title={data.label}>
        {data.label || <span className="muted">(no text)</span>}
      </div>
      {forkPoint && (
        <span
          className="fork-point-tag"
          data-testid="fork-point-badge"
          title="The fork point: this run was forked from here"
        >
          fork point
        </span>
      )}
      {data.refs.length > 0 && (
        <div className="step-node-refs">
          {data.refs.map((ref) => (
            <span key={ref} className="ref-badge" title={`ref ${ref}`}>
              {ref}
            </span>
          ))}
        </div>
      )}
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  )
}

export const StepNode = memo(function StepNode({ data }: NodeProps<StepFlowNode>) {
  return <StepBody data={data} isError={false} />
})

export const ErrorStepNode = memo(function ErrorStepNode({ data }: NodeProps<ErrorFlowNode>) {
  return <StepBody data={data} isError />
})

/**
 * A step zoomed out past reading (level of detail): the node's box in its kind's colour and
 * nothing inside, a tenth of the DOM of a full node. Edges attach to the handles every node
 * declares up front (build-run-graph.ts), so none are drawn here.
 */
export const StepDot = memo(function StepDot({ data }: NodeProps<DotFlowNode>) {
  const isError = 'isError' in data && data.isError === true
  const style = kindStyle(isError ? 'error' : data.kind)
  const classes = ['step-node', 'step-dot', `kind-${style.kind}`]
  if (isError) classes.push('is-error')
  if (data.match) classes.push('is-match')
  return (
    <div
      className={classes.join(' ')}
      style={{ '--node-color': `var(${style.colorVar})` } as CSSProperties}
      data-kind={data.kind}
    />
  )
})
