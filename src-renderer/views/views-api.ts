/** The api the views' own calls go through (export, dropped files), set once at start-up. */
import type { TineApi } from '../../src-shared/api/contract'

let api: TineApi | null = null

export function setViewsApi(value: TineApi): void {
  api = value
}

export function viewsApi(): TineApi {
  if (!api) throw new Error('the app is not connected')
  return api
}
