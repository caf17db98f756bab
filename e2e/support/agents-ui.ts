/**
 * What the agent specs (issue 5) share: a tool folder that makes the offline agent's search step
 * take seconds (so a pause lands mid-run without any test hook in the app), the New run dialog
 * driven like a user, and the run file read back from disk.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Locator } from '@playwright/test'
import { ORACLE } from './actions-files'
import { expect, type Explorer } from './explorer'

/** The word the offline agent searches for: the first word of five letters in the first file it reads. */
export const CORPUS_WORD = 'needle'

/**
 * A folder whose first file names CORPUS_WORD and whose other files hold 48 MiB of one-character
 * lines: search_text (capped at 50 MiB, 2 MiB a file) walks every line of them, which takes a few
 * seconds, while listing and reading stay instant.
 */
export function writeSlowCorpus(folder: string): void {
  mkdirSync(folder, { recursive: true })
  writeFileSync(path.join(folder, 'a-start.txt'), `${CORPUS_WORD} is the word this agent looks for\n`)
  const lines = 'x\n'.repeat(1024 * 1024 - 1)
  for (let index = 0; index < 24; index++)
    writeFileSync(path.join(folder, `b-${String(index).padStart(2, '0')}.txt`), lines)
}

/** A small folder the agent finishes with at once. */
export function writeQuickCorpus(folder: string): void {
  mkdirSync(folder, { recursive: true })
  writeFileSync(path.join(folder, 'notes.txt'), 'Release checklist: update the changelog, tag, publish.\n')
}

export interface StartedRun {
  file: string
  runId: string
  bar: Locator
}

/** Opens New run (button or Ctrl+Shift+N), starts the offline agent on `toolRoot`, and waits for its run to open. */
export async function startOfflineRun(
  explorer: Explorer,
  options: {
    prompt: string
    toolRoot: string
    via?: 'button' | 'shortcut'
    beforeStart?: (dialog: Locator) => Promise<void>
  }
): Promise<StartedRun> {
  const { page } = explorer
  if (options.via === 'shortcut') await page.keyboard.press('Control+Shift+N')
  else await page.getByTestId('new-run').click()
  const dialog = page.getByTestId('new-run-dialog')
  await expect(dialog).toBeVisible()
  await dialog.getByTestId('new-run-provider').selectOption('offline')
  await expect(dialog.getByTestId('new-run-model')).not.toHaveValue('')
  await dialog.getByTestId('new-run-prompt').fill(options.prompt)
  for (const tool of ['list_files', 'read_file', 'search_text'])
    await expect(dialog.getByTestId(`new-run-tool-${tool}`)).toBeChecked()
  await dialog.getByTestId('new-run-tool-root').fill(options.toolRoot)
  await options.beforeStart?.(dialog)
  await dialog.getByTestId('new-run-start').click()
  // The runner boots in its own process; the answer comes once the run's file exists.
  await expect(dialog).toBeHidden({ timeout: 30_000 })
  const bar = page.getByTestId('agent-bar')
  await expect(bar).toBeVisible()
  const file = await bar.getAttribute('data-file')
  const runId = await bar.getAttribute('data-run-id')
  if (!file || !runId) throw new Error('the agent bar names no run file')
  return { file, runId, bar }
}

/** The run as saved on disk right now: status and step count, from the JSON itself. */
export function runOnDisk(file: string): {
  status: string
  steps: number
  forkedFrom: string | null
  firstStepId: string | null
} {
  const document = JSON.parse(readFileSync(file, 'utf8')) as {
    status: string
    graph: { order: string[] }
    metadata?: { forked_from?: string }
  }
  return {
    status: document.status,
    steps: document.graph.order.length,
    forkedFrom: document.metadata?.forked_from ?? null,
    firstStepId: document.graph.order[0] ?? null
  }
}

/** `python3 tine_ref.py FILE` through child_process: exit status and its output. */
export function oracleVerdict(file: string): { status: number; output: string } {
  try {
    return {
      status: 0,
      output: execFileSync('python3', [ORACLE, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    }
  } catch (error) {
    const failure = error as { status?: number; stdout?: string; stderr?: string }
    return { status: failure.status ?? -1, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` }
  }
}
