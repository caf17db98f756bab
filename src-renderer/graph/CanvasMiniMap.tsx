/**
 * A minimap for big runs. React Flow's minimap draws one SVG rect per node and re-renders them as
 * the view moves, which costs whole frames at 16,000 steps; this one paints all steps once into a
 * canvas and only moves the viewport frame. Click or drag in it to pan.
 */
import { useReactFlow, useStore, type ReactFlowState } from '@xyflow/react'
import { memo, useEffect, useMemo, useRef, type PointerEvent } from 'react'
import type { RunGraphNode } from './build-run-graph'
import { NODE_HEIGHT, NODE_WIDTH } from './geometry'
import { kindStyle } from './kinds'
import type { Point } from './layout-types'

const WIDTH = 200
const HEIGHT = 150
const PADDING = 6

interface Bounds {
  minX: number
  minY: number
  scale: number
}

function boundsOf(positions: Map<string, Point>): Bounds {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const { x, y } of positions.values()) {
    if (x < minX) minX = x
    if (y < minY) minY = y
    if (x > maxX) maxX = x
    if (y > maxY) maxY = y
  }
  if (!Number.isFinite(minX)) return { minX: 0, minY: 0, scale: 1 }
  const width = maxX + NODE_WIDTH - minX
  const height = maxY + NODE_HEIGHT - minY
  return { minX, minY, scale: Math.min((WIDTH - 2 * PADDING) / width, (HEIGHT - 2 * PADDING) / height) }
}

const selectTransform = (state: ReactFlowState) => state.transform
const selectSize = (state: ReactFlowState) => `${state.width}x${state.height}`

export const CanvasMiniMap = memo(function CanvasMiniMap({
  nodes,
  positions,
  theme
}: {
  nodes: RunGraphNode[]
  positions: Map<string, Point>
  theme: string
}) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const bounds = useMemo(() => boundsOf(positions), [positions])
  const [tx, ty, zoom] = useStore(selectTransform)
  const [paneWidth, paneHeight] = useStore(selectSize).split('x').map(Number)
  const flow = useReactFlow()

  useEffect(() => {
    const context = canvas.current?.getContext('2d')
    if (!context) return
    const styles = getComputedStyle(document.documentElement)
    const colors = new Map<string, string>()
    const colorOf = (kind: string) => {
      let color = colors.get(kind)
      if (!color) {
        color = styles.getPropertyValue(kindStyle(kind).colorVar).trim() || '#888'
        colors.set(kind, color)
      }
      return color
    }
    context.clearRect(0, 0, WIDTH, HEIGHT)
    const w = Math.max(1, NODE_WIDTH * bounds.scale)
    const h = Math.max(1, NODE_HEIGHT * bounds.scale)
    for (const node of nodes) {
      const at = positions.get(node.id)
      if (!at) continue
      context.fillStyle = colorOf(node.type === 'errorStep' ? 'error' : node.data.kind)
      context.fillRect(
        PADDING + (at.x - bounds.minX) * bounds.scale,
        PADDING + (at.y - bounds.minY) * bounds.scale,
        w,
        h
      )
    }
  }, [nodes, positions, bounds, theme])

  // The visible part of the flow, in minimap pixels.
  const frame = {
    left: PADDING + (-tx / zoom - bounds.minX) * bounds.scale,
    top: PADDING + (-ty / zoom - bounds.minY) * bounds.scale,
    width: (paneWidth / zoom) * bounds.scale,
    height: (paneHeight / zoom) * bounds.scale
  }

  const panTo = (event: PointerEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect()
    const x = (event.clientX - box.left - PADDING) / bounds.scale + bounds.minX
    const y = (event.clientY - box.top - PADDING) / bounds.scale + bounds.minY
    void flow.setCenter(x, y, { zoom })
  }

  return (
    <div
      className="canvas-minimap"
      data-testid="canvas-minimap"
      style={{ width: WIDTH, height: HEIGHT }}
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId)
        panTo(event)
      }}
      onPointerMove={(event) => {
        if (event.buttons === 1) panTo(event)
      }}
    >
      <canvas ref={canvas} width={WIDTH} height={HEIGHT} />
      <div
        className="canvas-minimap-frame"
        style={{ left: frame.left, top: frame.top, width: Math.max(2, frame.width), height: Math.max(2, frame.height) }}
      />
    </div>
  )
})
