/** What the views specs check on screen: readable text, the focused node wholly visible and uncovered. */
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import type { Page } from '@playwright/test'
import { REPO_ROOT, TSX_BIN } from './paths'

const run = promisify(execFile)

/** Writes a generated run (side branches every 40 main-line steps) with the benchmark's generator. */
export async function writeGeneratedRun(file: string, steps: number, seed = 1): Promise<void> {
  await run(
    TSX_BIN,
    [
      path.join(REPO_ROOT, 'src-main', 'examples', 'generate-large-run.ts'),
      '--steps',
      String(steps),
      '--seed',
      String(seed),
      '--out',
      file
    ],
    { cwd: REPO_ROOT }
  )
}

export interface Readability {
  zoom: number
  /** The smallest step text on screen, in CSS pixels. */
  smallestTextPx: number
  /** The step the first view centred on ('' when the whole run was fitted). */
  focus: string
  /** Nodes checked: the focused one, or every node of a fitted run. */
  checked: number
  /** Nodes among them that are cut off by the pane or covered by something else. */
  problems: string[]
}

export function readability(page: Page): Promise<Readability> {
  return page.evaluate(() => {
    const graph = document.querySelector<HTMLElement>('[data-testid="run-graph"]')!
    const viewport = graph.querySelector<HTMLElement>('.react-flow__viewport')!
    const zoom = new DOMMatrix(getComputedStyle(viewport).transform).a
    const focus = graph.dataset.focusStep ?? ''
    const pane = graph.getBoundingClientRect()
    const nodes = focus
      ? Array.from(graph.querySelectorAll<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(focus)}"]`))
      : Array.from(graph.querySelectorAll<HTMLElement>('.react-flow__node'))
    let smallest = Infinity
    for (const text of graph.querySelectorAll<HTMLElement>(
      '.react-flow__node .step-node-head, .react-flow__node .step-node-label'
    )) {
      smallest = Math.min(smallest, parseFloat(getComputedStyle(text).fontSize) * zoom)
    }
    const problems: string[] = []
    for (const node of nodes) {
      const box = node.getBoundingClientRect()
      const id = node.dataset.id ?? '?'
      if (box.left < pane.left || box.top < pane.top || box.right > pane.right || box.bottom > pane.bottom) {
        problems.push(`${id} is cut off`)
        continue
      }
      const points: [number, number][] = [
        [box.left + 3, box.top + 3],
        [box.right - 3, box.top + 3],
        [box.left + 3, box.bottom - 3],
        [box.right - 3, box.bottom - 3],
        [(box.left + box.right) / 2, (box.top + box.bottom) / 2]
      ]
      for (const [x, y] of points) {
        const hit = document.elementFromPoint(x, y)
        if (!hit || !node.contains(hit)) {
          problems.push(
            `${id} is covered at ${Math.round(x)},${Math.round(y)} by ${hit ? hit.className || hit.tagName : 'nothing'}`
          )
          break
        }
      }
    }
    return { zoom, smallestTextPx: smallest, focus, checked: nodes.length, problems }
  })
}
