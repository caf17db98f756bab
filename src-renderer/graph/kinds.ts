/** How each step kind looks: colour token and the short name shown on the node. */
export type KnownKind = 'think' | 'tool' | 'model' | 'done' | 'error'

export interface KindStyle {
  kind: KnownKind | 'other'
  /** CSS custom property holding the kind's colour (themes override it). */
  colorVar: string
  title: string
}

const STYLES: Record<KnownKind, KindStyle> = {
  think: { kind: 'think', colorVar: '--kind-think', title: 'think' },
  tool: { kind: 'tool', colorVar: '--kind-tool', title: 'tool' },
  model: { kind: 'model', colorVar: '--kind-model', title: 'model' },
  done: { kind: 'done', colorVar: '--kind-done', title: 'done' },
  error: { kind: 'error', colorVar: '--kind-error', title: 'error' }
}

export function kindStyle(kind: string): KindStyle {
  return (
    (STYLES as Record<string, KindStyle | undefined>)[kind] ?? {
      kind: 'other',
      colorVar: '--kind-other',
      title: kind || 'step'
    }
  )
}
