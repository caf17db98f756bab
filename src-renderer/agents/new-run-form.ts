/**
 * The New run form's values, their checks, and the agents.start request they make. Pure, so the
 * rules are tested without a DOM and the dialog only shows what this decides.
 */
import type { AgentCatalog, ContinueInfoView } from '../../src-shared/api/agent-types'
import type { ContinueRequest, StartRequest } from './agent-calls'

export interface NewRunForm {
  /** The opened folder the run is listed in. */
  folder: string
  /** The folder the built-in tools may read (typed or picked; the main side checks it is inside an opened folder). */
  toolRoot: string
  provider: string
  model: string
  systemPrompt: string
  prompt: string
  tools: string[]
  /** As typed; empty means no limit. */
  maxSteps: string
  maxCost: string
  /** The offline model's pace in milliseconds, as typed. */
  stepDelayMs: string
}

export type FormProblems = Partial<
  Record<'folder' | 'toolRoot' | 'provider' | 'model' | 'prompt' | 'maxSteps' | 'maxCost' | 'stepDelayMs', string>
>

/** The offline model's default pace: slow enough to press Pause or Cancel while it runs. */
export const DEFAULT_STEP_DELAY_MS = 1500
const MAX_STEP_DELAY_MS = 60_000

const RUNS_DIR = '.tine_runs'

/**
 * The `folder` of agents.start for an opened folder. The main side writes to `<folder>/.tine_runs/`,
 * so an opened `.tine_runs` folder is named by its parent: the new run lands beside the others.
 */
export function startFolderOf(opened: string): string {
  const trimmed = opened.replace(/[\\/]+$/, '')
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'))
  if (cut <= 0 || trimmed.slice(cut + 1) !== RUNS_DIR) return opened
  const parent = trimmed.slice(0, cut)
  // A drive root keeps its separator (C:\ rather than C:), as a root folder's path must.
  return /^[A-Za-z]:$/.test(parent) ? `${parent}${trimmed[cut]}` : parent
}

export const DEFAULT_SYSTEM_PROMPT =
  'You are a careful assistant. Use the tools to look at the folder before you answer.'

/** Where the main side writes the new run: `<startFolderOf(opened)>/.tine_runs`, shown in the dialog. */
export function runsDirOf(opened: string): string {
  const folder = startFolderOf(opened)
  if (folder !== opened) return opened
  const separator = opened.includes('\\') && !opened.includes('/') ? '\\' : '/'
  return `${opened.replace(/[\\/]+$/, '')}${separator}${RUNS_DIR}`
}

/** The form as it opens: the offline model when nothing else is set up, every read-only tool on. */
export function initialForm(catalog: AgentCatalog | null, folder: string): NewRunForm {
  const provider = catalog?.providers.find((option) => !option.offline) ?? catalog?.providers[0]
  return {
    folder,
    toolRoot: folder,
    provider: provider?.id ?? '',
    model: provider?.models[0] ?? '',
    systemPrompt: DEFAULT_SYSTEM_PROMPT,
    prompt: '',
    tools: (catalog?.tools ?? []).filter((tool) => !tool.sideEffects).map((tool) => tool.name),
    maxSteps: '',
    maxCost: '',
    stepDelayMs: String(DEFAULT_STEP_DELAY_MS)
  }
}

/**
 * "Continue this run…": the New run form prefilled from the record (provider and model, the recorded
 * tools this app has), with an empty, optional prompt.
 */
export function continueForm(catalog: AgentCatalog | null, info: ContinueInfoView, folder: string): NewRunForm {
  const form = initialForm(catalog, folder)
  const provider = catalog?.providers.find((option) => option.id === info.provider)
  if (provider) {
    form.provider = provider.id
    form.model = info.model ?? provider.models[0] ?? ''
  } else if (info.model) form.model = info.model
  const offered = new Set((catalog?.tools ?? []).map((tool) => tool.name))
  form.tools = info.tools.filter((name) => offered.has(name))
  if (info.toolRoot) form.toolRoot = info.toolRoot
  form.systemPrompt = ''
  return form
}

function isOffline(form: NewRunForm, catalog: AgentCatalog | null): boolean {
  return catalog?.providers.find((option) => option.id === form.provider)?.offline === true
}

function positiveNumber(text: string): number | null {
  const value = Number(text.trim())
  return Number.isFinite(value) && value > 0 ? value : null
}

export function formProblems(
  form: NewRunForm,
  catalog: AgentCatalog | null,
  options: { promptOptional?: boolean } = {}
): FormProblems {
  const problems: FormProblems = {}
  if (!form.folder) problems.folder = 'Open a folder first: the run is saved in it.'
  if (form.tools.length > 0 && form.toolRoot.trim() === '') problems.toolRoot = 'Name the folder the tools may read.'
  const provider = catalog?.providers.find((option) => option.id === form.provider)
  if (!provider) problems.provider = 'Choose a provider.'
  if (form.model.trim() === '') problems.model = 'Name a model.'
  else if (form.model.trim().length > 200) problems.model = 'A model name has at most 200 characters.'
  if (form.prompt.trim() === '' && !options.promptOptional) problems.prompt = 'Write what the agent should do.'
  if (form.maxSteps.trim() !== '') {
    const steps = positiveNumber(form.maxSteps)
    if (steps === null || !Number.isInteger(steps)) problems.maxSteps = 'Max steps is a whole number above 0.'
  }
  if (form.maxCost.trim() !== '' && positiveNumber(form.maxCost) === null)
    problems.maxCost = 'Max cost is a number of dollars above 0.'
  if (isOffline(form, catalog) && form.stepDelayMs.trim() !== '') {
    const delay = Number(form.stepDelayMs.trim())
    if (!Number.isInteger(delay) || delay < 0 || delay > MAX_STEP_DELAY_MS)
      problems.stepDelayMs = 'The step delay is a whole number of milliseconds from 0 to 60000.'
  }
  return problems
}

/** The fields both requests share: model, tools, budget, pace. */
function agentFieldsOf(form: NewRunForm, catalog: AgentCatalog | null) {
  const order = (catalog?.tools ?? []).map((tool) => tool.name)
  const tools = order.filter((name) => form.tools.includes(name))
  const fields: Pick<StartRequest, 'provider' | 'model' | 'tools' | 'toolRoot' | 'budget' | 'stepDelayMs'> = {
    provider: form.provider,
    model: form.model.trim(),
    tools
  }
  if (tools.length > 0) fields.toolRoot = form.toolRoot.trim()
  const budget: NonNullable<StartRequest['budget']> = {}
  if (form.maxSteps.trim() !== '') budget.maxSteps = Number(form.maxSteps.trim())
  if (form.maxCost.trim() !== '') budget.maxCost = Number(form.maxCost.trim())
  if (Object.keys(budget).length > 0) fields.budget = budget
  if (isOffline(form, catalog) && form.stepDelayMs.trim() !== '') fields.stepDelayMs = Number(form.stepDelayMs.trim())
  return fields
}

/** agents.continue for `file`: the prompt only when one was written, the system prompt only when changed. */
export function continueRequestOf(form: NewRunForm, catalog: AgentCatalog | null, file: string): ContinueRequest {
  const request: ContinueRequest = { file, ...agentFieldsOf(form, catalog) }
  if (form.prompt.trim() !== '') request.prompt = form.prompt
  if (form.systemPrompt.trim() !== '') request.systemPrompt = form.systemPrompt
  return request
}

/** The request exactly as sent: trimmed names, tools in catalog order, a budget only when one is set. */
export function startRequestOf(form: NewRunForm, catalog: AgentCatalog | null): StartRequest {
  const { provider, model, tools, ...rest } = agentFieldsOf(form, catalog)
  return {
    folder: startFolderOf(form.folder),
    provider,
    model,
    systemPrompt: form.systemPrompt,
    prompt: form.prompt,
    tools,
    ...rest
  }
}
