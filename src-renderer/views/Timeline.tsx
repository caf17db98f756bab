/**
 * The timeline (waterfall): one bar per step on a time axis, steps that overlap in time in separate
 * lanes, long idle gaps shortened and marked. Virtualised by columns of time, so only the bars on
 * screen exist in the DOM, whatever the run's length. Selection is the store's, shared with the graph.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react'
import type { RunView, StepSummary } from '../../src-shared/api/types'
import { kindStyle } from '../graph/kinds'
import { formatDuration } from '../lib/format'
import { selectSelectedStepId } from '../store/selectors'
import { tineStore, useTine } from '../store/store'
import { heatColor, heatScale, type HeatScale } from './heat'
import { buildChunks, clampScale, CHUNK_PX, defaultScale, type TimelineChunks } from './timeline-chunks'
import { buildTimeline, type TimelineModel } from './timeline-model'

const LANE_HEIGHT = 26
const AXIS_HEIGHT = 22
const LABEL_MIN_PX = 36

/** Elapsed real time at a point of the compressed axis: the idle time cut out before it is added back. */
function realElapsed(model: TimelineModel, compressed: number): number {
  let removed = 0
  for (const gap of model.gaps) {
    if (gap.at + gap.drawn > compressed) break
    removed += gap.real - gap.drawn
  }
  return compressed + removed
}

function tickStep(pxPerSecond: number): number {
  const seconds = 120 / pxPerSecond
  for (const step of [0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21600, 86400])
    if (step >= seconds) return step
  return 86400 * Math.ceil(seconds / 86400)
}

interface ChunkProps {
  index: number
  start: number
  chunks: TimelineChunks
  model: TimelineModel
  steps: readonly StepSummary[]
  selected: string | null
  heat: HeatScale | null
  height: number
}

const Chunk = memo(function Chunk({ index, start, chunks, model, steps, selected, heat, height }: ChunkProps) {
  const left = index * CHUNK_PX
  const right = left + CHUNK_PX
  const tick = tickStep(chunks.pxPerSecond)
  const ticks: number[] = []
  for (let t = Math.ceil(left / chunks.pxPerSecond / tick) * tick; t * chunks.pxPerSecond < right; t += tick)
    ticks.push(t)
  return (
    <div className="timeline-chunk" style={{ transform: `translateX(${start}px)`, width: CHUNK_PX, height }}>
      {ticks.map((t) => (
        <span key={t} className="timeline-tick" style={{ left: t * chunks.pxPerSecond - left }}>
          +{formatDuration(realElapsed(model, t)) === '0 s' ? '0' : formatDuration(realElapsed(model, t))}
        </span>
      ))}
      {model.gaps.map((gap, g) => {
        const gapLeft = gap.at * chunks.pxPerSecond
        const gapRight = (gap.at + gap.drawn) * chunks.pxPerSecond
        if (gapRight < left || gapLeft > right) return null
        return (
          <div
            key={g}
            className="timeline-gap"
            data-testid="timeline-gap"
            title={`idle for ${formatDuration(gap.real)} (shortened)`}
            style={{ left: gapLeft - left, width: Math.max(8, gapRight - gapLeft), height }}
          >
            <span>idle {formatDuration(gap.real)}</span>
          </div>
        )
      })}
      {Array.from(chunks.members[index] ?? [], (i) => {
        const step = steps[i]
        const barLeft = chunks.barLeft[i]
        const pieceLeft = Math.max(barLeft, left)
        const pieceRight = Math.min(barLeft + chunks.barWidth[i], right)
        const style = kindStyle(step.isError ? 'error' : step.kind)
        const intensity = heat?.byId.get(step.id)?.intensity
        const css: Record<string, string | number> = {
          left: pieceLeft - left,
          top: AXIS_HEIGHT + model.lane[i] * LANE_HEIGHT + 3,
          width: Math.max(1, pieceRight - pieceLeft),
          '--bar-color': `var(${style.colorVar})`
        }
        if (intensity !== undefined) css['--heat'] = heatColor(intensity)
        const classes = ['timeline-bar']
        if (step.isError) classes.push('is-error')
        if (intensity !== undefined) classes.push('is-heated')
        if (step.id === selected) classes.push('selected')
        return (
          <button
            key={step.id}
            type="button"
            className={classes.join(' ')}
            style={css as CSSProperties}
            data-testid={`timeline-bar-${step.id}`}
            data-step-id={step.id}
            data-heat={intensity !== undefined ? intensity.toFixed(4) : undefined}
            aria-pressed={step.id === selected}
            title={`#${step.index} ${step.kind} · ${formatDuration(step.duration)}${step.label ? ` · ${step.label}` : ''}`}
          >
            {pieceRight - pieceLeft >= LABEL_MIN_PX ? (
              <span className="timeline-bar-label">
                #{step.index} {step.label || step.kind}
              </span>
            ) : null}
          </button>
        )
      })}
    </div>
  )
})

export function Timeline({ run }: { run: RunView }) {
  const scroller = useRef<HTMLDivElement>(null)
  const selected = useTine(selectSelectedStepId)
  const heatMetric = useTine((state) => state.heat)
  const model = useMemo(() => buildTimeline(run.steps), [run.steps])
  const heat = useMemo(() => heatScale(run.steps, heatMetric), [run.steps, heatMetric])
  const [scale, setScale] = useState<number | null>(null)
  useEffect(() => {
    setScale(defaultScale(model, scroller.current?.clientWidth ?? 1000))
  }, [model])
  const pxPerSecond = scale ?? defaultScale(model, 1000)
  const chunks = useMemo(() => buildChunks(model, pxPerSecond), [model, pxPerSecond])
  const height = AXIS_HEIGHT + model.laneCount * LANE_HEIGHT + 8

  const columns = useVirtualizer({
    horizontal: true,
    count: chunks.members.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => CHUNK_PX,
    overscan: 2
  })

  // A step selected anywhere else is scrolled into view here.
  const indexOf = useMemo(() => new Map(run.steps.map((step, index) => [step.id, index])), [run.steps])
  useEffect(() => {
    const box = scroller.current
    const index = selected ? indexOf.get(selected) : undefined
    if (!box || index === undefined) return
    const barLeft = chunks.barLeft[index]
    const barRight = barLeft + chunks.barWidth[index]
    if (barLeft < box.scrollLeft || barRight > box.scrollLeft + box.clientWidth)
      box.scrollLeft = Math.max(0, barLeft - box.clientWidth / 3)
    const top = AXIS_HEIGHT + model.lane[index] * LANE_HEIGHT
    if (top < box.scrollTop || top + LANE_HEIGHT > box.scrollTop + box.clientHeight)
      box.scrollTop = Math.max(0, top - box.clientHeight / 3)
  }, [selected, indexOf, chunks, model])

  const onClick = useCallback((event: React.MouseEvent) => {
    const bar = (event.target as HTMLElement).closest<HTMLElement>('[data-step-id]')
    if (!bar?.dataset.stepId) return
    tineStore.getState().selectStep(bar.dataset.stepId)
    tineStore.getState().setSidePanel('step')
  }, [])

  const zoom = (factor: number) => setScale(clampScale(model, pxPerSecond * factor))
  const fit = () =>
    setScale(clampScale(model, ((scroller.current?.clientWidth ?? 1000) - 40) / Math.max(model.span, 1e-6)))

  return (
    <div className="timeline" data-testid="timeline" data-lanes={model.laneCount} data-gaps={model.gaps.length}>
      <div className="timeline-bar-tools">
        <span className="muted">
          {run.steps.length.toLocaleString('en-US')} steps · {model.laneCount}{' '}
          {model.laneCount === 1 ? 'lane' : 'lanes'}
          {model.gaps.length > 0
            ? ` · ${model.gaps.length} idle ${model.gaps.length === 1 ? 'gap' : 'gaps'} shortened`
            : ''}
          {model.estimated > 0 ? ` · ${model.estimated} without a timestamp placed after their predecessor` : ''}
        </span>
        <button type="button" onClick={() => zoom(0.5)} title="Zoom out in time" data-testid="timeline-zoom-out">
          −
        </button>
        <button type="button" onClick={() => zoom(2)} title="Zoom in in time" data-testid="timeline-zoom-in">
          +
        </button>
        <button type="button" onClick={fit} title="The whole run in the width" data-testid="timeline-fit">
          Fit
        </button>
      </div>
      <div ref={scroller} className="timeline-scroll" data-testid="timeline-scroll" onClick={onClick}>
        <div className="timeline-canvas" style={{ width: columns.getTotalSize(), height }}>
          {columns.getVirtualItems().map((item) => (
            <Chunk
              key={item.key}
              index={item.index}
              start={item.start}
              chunks={chunks}
              model={model}
              steps={run.steps}
              selected={selected}
              heat={heat}
              height={height}
            />
          ))}
        </div>
      </div>
    </div>
  )
}
