/**
 * Where the dot grid behind a graph sits for a viewport. The grid is one element, larger than the
 * pane by a period on every side, placed by a transform. Panning then moves a layer the compositor
 * already has, and zooming only scales it within an octave of zoom (the dots are drawn again at
 * the next power of two). React Flow's Background redraws its pattern for every offset and zoom,
 * which repaints the whole pane in every frame: in software rendering, most of a frame's cost.
 */
/**
 * Below this distance between dots on screen the grid is not drawn: its dots are smaller than a
 * pixel by then, and a background tiled that finely costs the raster far more than it shows.
 */
export const MIN_PERIOD_ON_SCREEN = 6

export interface DotGridPlacement {
  /** False when the dots would be too dense to see (see MIN_PERIOD_ON_SCREEN). */
  visible: boolean
  /** Distance between dots as drawn, before the scale, px. */
  period: number
  /** Dot radius as drawn, before the scale, px. */
  radius: number
  /** The grid element's translation on screen, each in [-period * scale, 0). */
  offsetX: number
  offsetY: number
  /** Scale from the drawn grid to the screen, in [1, 2). */
  scale: number
}

/** The grid for viewport `[x, y, zoom]`: dots at every `gap` of graph space, `size` across. */
export function dotGridPlacement(
  [x, y, zoom]: readonly [number, number, number],
  gap: number,
  size: number
): DotGridPlacement {
  const drawnZoom = 2 ** Math.floor(Math.log2(zoom))
  const scale = zoom / drawnZoom
  const period = gap * drawnZoom
  const onScreen = period * scale
  // A tile's dot is at its centre, so tile corners sit half a period before each dot.
  const phase = (value: number) => ((((value - onScreen / 2) % onScreen) + onScreen) % onScreen) - onScreen
  return {
    visible: onScreen >= MIN_PERIOD_ON_SCREEN,
    period,
    radius: (size * drawnZoom) / 2,
    offsetX: phase(x),
    offsetY: phase(y),
    scale
  }
}
