/**
 * The diff screen's calls to the main side. The api is handed in once (tests pass a fake); when
 * nobody did, the same client the app uses is made on first use, so the diff needs no wiring in
 * main.tsx.
 */
import type { RequestOf, TineApi } from '../../src-shared/api/contract'
import type { RunView } from '../../src-shared/api/types'
import type { DiffView } from '../../src-shared/run/diff/diff-view-model'
import type { StepPairDetail } from '../../src-shared/run/diff/step-delta'
import { createApiClient } from '../api/client'

let configured: TineApi | null = null

export function setDiffApi(api: TineApi | null): void {
  configured = api
}

function diffApi(): TineApi {
  configured ??= createApiClient(window).api
  return configured
}

export function loadRunForDiff(file: string): Promise<RunView> {
  return diffApi().invoke('runs.load', { file })
}

export function requestDiff(request: RequestOf<'runs.diff'>): Promise<DiffView> {
  return diffApi().invoke('runs.diff', request)
}

export function requestStepPair(request: RequestOf<'runs.stepPair'>): Promise<StepPairDetail> {
  return diffApi().invoke('runs.stepPair', request)
}
