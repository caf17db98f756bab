/**
 * New run…: provider and model, system and user prompts, tools, budget, the offline model's pace;
 * starts the agent and opens its run. The same form, prefilled from the record, is "Continue this run…".
 */
import { useEffect, useMemo, useState } from 'react'
import type { AgentCatalog, ContinueInfoView } from '../../src-shared/api/agent-types'
import { shortId } from '../lib/format'
import { tineStore, useTine } from '../store/store'
import {
  continueForm,
  continueRequestOf,
  formProblems,
  initialForm,
  runsDirOf,
  startRequestOf,
  type NewRunForm
} from './new-run-form'
import { ModalFrame } from '../ui/ModalFrame'
import { integrityOverrideReason } from '../actions/capabilities'
import { IntegrityOverrideField } from '../actions/IntegrityOverrideField'
import { useAgentCalls } from '../api/client'

/** The opened folder a new run goes to by default: the open run's, else the first. */
function defaultFolder(folders: string[], openFile: string | null): string {
  if (openFile) {
    const holder = folders.filter((folder) => openFile.startsWith(folder)).sort((a, b) => b.length - a.length)[0]
    if (holder) return holder
  }
  return folders[0] ?? ''
}

function FolderSelect(props: {
  label: string
  testId: string
  value: string
  folders: string[]
  onChange(value: string): void
}) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <select data-testid={props.testId} value={props.value} onChange={(event) => props.onChange(event.target.value)}>
        {props.folders.map((folder) => (
          <option key={folder} value={folder}>
            {folder}
          </option>
        ))}
      </select>
    </label>
  )
}

function Problem({ text, testId }: { text: string | undefined; testId: string }) {
  return text ? (
    <p className="error-text small" data-testid={testId}>
      {text}
    </p>
  ) : null
}

/** What the form says when it continues a run: where from, why here, what it cannot do. */
function ContinueHeader({ info, note }: { info: ContinueInfoView; note: string | null }) {
  return (
    <>
      <p className="muted small" data-testid="continue-from">
        Continues run <code title={info.runId}>{shortId(info.runId)}</code> ({info.status}) from its tip, in place.
        {info.originFile ? ' Calls that match its origin’s record are replayed, not paid again.' : ''}
      </p>
      {note && (
        <p className="small" data-testid="continue-note">
          {note}
        </p>
      )}
      {!info.recordedHere && !note && (
        <p className="muted small" data-testid="continue-foreign">
          This run was not started by this app on this machine: the agent is the one you choose here.
        </p>
      )}
      {info.blocked && (
        <p className="error-text" role="alert" data-testid="continue-blocked">
          Cannot continue: {info.blocked}.
        </p>
      )}
    </>
  )
}

function MissingTools({
  info,
  modelOnly,
  onModelOnly
}: {
  info: ContinueInfoView
  modelOnly: boolean
  onModelOnly(on: boolean): void
}) {
  if (info.missingTools.length === 0) return null
  return (
    <div className="banner banner-warn" data-testid="continue-missing-tools">
      <p className="small">
        The run used tools this app does not have: <strong>{info.missingTools.join(', ')}</strong>. Their calls cannot
        run here.
      </p>
      <label className="small">
        <input
          type="checkbox"
          data-testid="continue-model-only"
          checked={modelOnly}
          onChange={(event) => onModelOnly(event.target.checked)}
        />{' '}
        Continue with the model only (no tools)
      </label>
    </div>
  )
}

interface FormProps {
  catalog: AgentCatalog
  folders: string[]
  openFile: string | null
  /** Set for "Continue this run…". */
  continuing?: { info: ContinueInfoView; note: string | null }
}

function Form({ catalog, folders, openFile, continuing }: FormProps) {
  const busy = useTine((state) => state.agentBusy === (continuing ? 'continue' : 'start'))
  const error = useTine((state) => state.agentError)
  // Continuing the open run when it failed its integrity check: the one explicit confirmation it needs.
  const overrideReason = useTine((state) =>
    continuing && state.openRun?.file === continuing.info.file
      ? integrityOverrideReason(state.openRun, state.runRemoved)
      : null
  )
  const [overridden, setOverridden] = useState(false)
  const unconfirmed = overrideReason !== null && !overridden
  const agentCalls = useAgentCalls()
  const [form, setForm] = useState<NewRunForm>(() =>
    continuing
      ? continueForm(catalog, continuing.info, defaultFolder(folders, openFile))
      : initialForm(catalog, defaultFolder(folders, openFile))
  )
  const [modelOnly, setModelOnly] = useState(false)
  const [tried, setTried] = useState(false)
  const problems = useMemo(
    () => formProblems(form, catalog, { promptOptional: continuing !== undefined }),
    [form, catalog, continuing]
  )
  const valid = Object.keys(problems).length === 0
  const provider = catalog.providers.find((option) => option.id === form.provider)
  const update = (patch: Partial<NewRunForm>) => setForm((current) => ({ ...current, ...patch }))
  // Problems show once the user tried to start, or as soon as a field they typed in is wrong.
  const shown = (field: keyof typeof problems, typed: boolean) => (tried || typed ? problems[field] : undefined)

  const blocked = continuing?.info.blocked ?? null
  const submit = () => {
    setTried(true)
    if (busy || !valid || blocked || unconfirmed) return
    if (continuing)
      void agentCalls.continueRun({
        ...continueRequestOf(modelOnly ? { ...form, tools: [] } : form, catalog, continuing.info.file),
        ...(overrideReason ? { overrideIntegrity: true } : {})
      })
    else void agentCalls.startRun(startRequestOf(form, catalog))
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        submit()
      }}
    >
      {continuing && <ContinueHeader info={continuing.info} note={continuing.note} />}
      {overrideReason && (
        <IntegrityOverrideField
          reason={overrideReason}
          action="continue it"
          checked={overridden}
          onChange={setOverridden}
        />
      )}
      {continuing ? null : folders.length > 1 ? (
        <FolderSelect
          label="Save the run in"
          testId="new-run-folder"
          value={form.folder}
          folders={folders}
          onChange={(folder) => update({ folder, toolRoot: form.toolRoot === form.folder ? folder : form.toolRoot })}
        />
      ) : (
        <p className="muted small" data-testid="new-run-destination">
          Saved in <code>{form.folder ? runsDirOf(form.folder) : 'no folder'}</code>
        </p>
      )}
      {!continuing && <Problem text={shown('folder', true)} testId="new-run-folder-problem" />}
      <div className="field-row">
        <label className="field">
          <span>Provider</span>
          <select
            data-testid="new-run-provider"
            value={form.provider}
            onChange={(event) => {
              const next = catalog.providers.find((option) => option.id === event.target.value)
              update({ provider: event.target.value, model: next?.models[0] ?? '' })
            }}
          >
            {catalog.providers.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
                {option.offline ? ' (offline, no key)' : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Model</span>
          <input
            type="text"
            data-testid="new-run-model"
            list="new-run-models"
            value={form.model}
            maxLength={200}
            onChange={(event) => update({ model: event.target.value })}
            aria-invalid={problems.model ? true : undefined}
          />
          <datalist id="new-run-models">
            {(provider?.models ?? []).map((model) => (
              <option key={model} value={model} />
            ))}
          </datalist>
        </label>
      </div>
      <Problem text={shown('provider', true)} testId="new-run-provider-problem" />
      <Problem text={shown('model', form.model !== '')} testId="new-run-model-problem" />
      <label className="field">
        <span>{continuing ? 'System prompt (optional; empty keeps the recorded one)' : 'System prompt'}</span>
        <textarea
          data-testid="new-run-system"
          rows={2}
          value={form.systemPrompt}
          onChange={(event) => update({ systemPrompt: event.target.value })}
        />
      </label>
      <label className="field">
        <span>{continuing ? 'New prompt (optional; sent before the model is asked again)' : 'Prompt'}</span>
        <textarea
          data-testid="new-run-prompt"
          rows={4}
          autoFocus
          value={form.prompt}
          placeholder={continuing ? 'Leave empty to continue as recorded' : 'e.g. Summarise what is in this folder.'}
          aria-invalid={tried && problems.prompt ? true : undefined}
          onChange={(event) => update({ prompt: event.target.value })}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault()
              submit()
            }
          }}
        />
      </label>
      <Problem text={shown('prompt', false)} testId="new-run-prompt-problem" />
      {continuing && <MissingTools info={continuing.info} modelOnly={modelOnly} onModelOnly={setModelOnly} />}
      <fieldset className="agent-tools" data-testid="new-run-tools" disabled={modelOnly}>
        <legend>Tools (read-only, scoped to the folder below)</legend>
        {catalog.tools.length === 0 && <span className="muted small">No tools are available.</span>}
        {catalog.tools.map((tool) => (
          <label key={tool.name} title={tool.description}>
            <input
              type="checkbox"
              data-testid={`new-run-tool-${tool.name}`}
              checked={form.tools.includes(tool.name)}
              onChange={(event) =>
                update({
                  tools: event.target.checked
                    ? [...form.tools, tool.name]
                    : form.tools.filter((name) => name !== tool.name)
                })
              }
            />{' '}
            {tool.name}
            {tool.sideEffects && <span className="error-text small"> (side effects)</span>}
          </label>
        ))}
      </fieldset>
      {form.tools.length > 0 && !modelOnly && (
        <label className="field">
          <span>Folder the tools may read (inside an opened folder)</span>
          <input
            type="text"
            data-testid="new-run-tool-root"
            list="new-run-tool-roots"
            spellCheck={false}
            value={form.toolRoot}
            onChange={(event) => update({ toolRoot: event.target.value })}
            aria-invalid={problems.toolRoot ? true : undefined}
          />
          <datalist id="new-run-tool-roots">
            {folders.map((folder) => (
              <option key={folder} value={folder} />
            ))}
          </datalist>
        </label>
      )}
      <Problem text={shown('toolRoot', true)} testId="new-run-tool-root-problem" />
      <div className="field-row">
        <label className="field">
          <span>Max steps (optional)</span>
          <input
            type="text"
            inputMode="numeric"
            data-testid="new-run-max-steps"
            value={form.maxSteps}
            placeholder="no limit"
            onChange={(event) => update({ maxSteps: event.target.value })}
            aria-invalid={problems.maxSteps ? true : undefined}
          />
        </label>
        <label className="field">
          <span>Max cost in $ (optional)</span>
          <input
            type="text"
            inputMode="decimal"
            data-testid="new-run-max-cost"
            value={form.maxCost}
            placeholder="no limit"
            onChange={(event) => update({ maxCost: event.target.value })}
            aria-invalid={problems.maxCost ? true : undefined}
          />
        </label>
      </div>
      {provider?.offline && (
        <label className="field">
          <span>Offline model: delay per step, ms (time to press Pause or Cancel)</span>
          <input
            type="text"
            inputMode="numeric"
            data-testid="new-run-step-delay"
            value={form.stepDelayMs}
            placeholder="0"
            onChange={(event) => update({ stepDelayMs: event.target.value })}
            aria-invalid={problems.stepDelayMs ? true : undefined}
          />
        </label>
      )}
      <Problem text={shown('stepDelayMs', true)} testId="new-run-step-delay-problem" />
      <Problem text={shown('maxSteps', true)} testId="new-run-max-steps-problem" />
      <Problem text={shown('maxCost', true)} testId="new-run-max-cost-problem" />
      {error && (
        <p className="error-text" role="alert" data-testid="new-run-error">
          Could not {continuing ? 'continue' : 'start'}: {error}
        </p>
      )}
      <div className="modal-actions">
        {catalog.canStoreSecrets && (
          <button
            type="button"
            className="link-button modal-actions-left"
            data-testid="open-secrets"
            onClick={() => tineStore.getState().setSecretsDialog(true)}
          >
            API keys…
          </button>
        )}
        <button
          type="button"
          disabled={busy}
          data-testid="new-run-cancel"
          onClick={() =>
            continuing ? tineStore.getState().closeContinueDialog() : tineStore.getState().closeNewRunDialog()
          }
        >
          Cancel
        </button>
        <button
          type="submit"
          className="primary"
          data-testid="new-run-start"
          disabled={busy || blocked !== null || unconfirmed || (tried && !valid)}
        >
          {busy ? 'Starting…' : continuing ? 'Continue' : 'Start'}
        </button>
      </div>
    </form>
  )
}

export function NewRunDialog() {
  const open = useTine((state) => state.newRunDialog)
  const catalog = useTine((state) => state.agentCatalog)
  const catalogError = useTine((state) => state.agentCatalogError)
  const folderSnapshots = useTine((state) => state.folders)
  const openFile = useTine((state) => state.openFile)
  const busy = useTine((state) => state.agentBusy === 'start')
  const agentCalls = useAgentCalls()
  const folders = useMemo(() => folderSnapshots.map((snapshot) => snapshot.folder), [folderSnapshots])

  useEffect(() => {
    // Keys may have been set since the last look: the providers on offer follow them.
    if (open) void agentCalls.loadCatalog()
  }, [open, agentCalls])

  if (!open) return null
  return (
    <ModalFrame
      testId="new-run-dialog"
      title="New run"
      className="new-run-dialog"
      onClose={() => {
        if (!busy) tineStore.getState().closeNewRunDialog()
      }}
    >
      {catalog ? (
        <Form catalog={catalog} folders={folders} openFile={openFile} />
      ) : catalogError ? (
        <p className="error-text" role="alert">
          Agents are not available: {catalogError}
        </p>
      ) : (
        <p className="muted">Loading providers…</p>
      )}
    </ModalFrame>
  )
}

/** "Continue this run…": the New run form, prefilled from the run's record. */
export function ContinueRunDialog() {
  const dialog = useTine((state) => state.continueDialog)
  const catalog = useTine((state) => state.agentCatalog)
  const catalogError = useTine((state) => state.agentCatalogError)
  const folderSnapshots = useTine((state) => state.folders)
  const busy = useTine((state) => state.agentBusy === 'continue')
  const error = useTine((state) => state.agentError)
  const agentCalls = useAgentCalls()
  const folders = useMemo(() => folderSnapshots.map((snapshot) => snapshot.folder), [folderSnapshots])
  const [answered, setAnswered] = useState<{ file: string; info: ContinueInfoView | null } | null>(null)
  const file = dialog?.file ?? null
  // An answer about another file (the dialog reopened on a different run) is not shown.
  const info = answered && answered.file === file ? answered.info : null

  useEffect(() => {
    if (!file) return
    let current = true
    void agentCalls.loadCatalog()
    void agentCalls.continueInfo(file).then((answer) => {
      if (current) setAnswered({ file, info: answer })
    })
    return () => {
      current = false
    }
  }, [file, agentCalls])

  if (!dialog) return null
  const ready = catalog && info && info.file
  return (
    <ModalFrame
      testId="continue-dialog"
      title="Continue this run"
      className="new-run-dialog"
      onClose={() => {
        if (!busy) tineStore.getState().closeContinueDialog()
      }}
    >
      {ready ? (
        <Form
          key={info.file}
          catalog={catalog}
          folders={folders}
          openFile={dialog.file}
          continuing={{ info, note: dialog.note }}
        />
      ) : catalogError || (info === null && error) ? (
        <p className="error-text" role="alert" data-testid="continue-error">
          {catalogError ? `Agents are not available: ${catalogError}` : `Cannot read the run: ${error}`}
        </p>
      ) : (
        <p className="muted">Reading the run’s record…</p>
      )}
    </ModalFrame>
  )
}
