/**
 * The write and trust actions: fork, pause/resume with conflict handling, signature checks,
 * lineage and comparisons. Each asks the main side and records the answer in the store; the main
 * side refuses writes on its own too, this side only never offers them.
 */
import type { SignatureCheckView } from '../../src-shared/api/action-types'
import type { TineApi } from '../../src-shared/api/contract'
import type { TineStore } from '../store/store'
import type { ForkMode, RunStatusChoice } from './actions-slice'
import { integrityOverrideReason, writeBlockReason } from './capabilities'
import { defaultComparePair } from '../diff/compare-target'
import { messageOf } from '../../src-shared/tine/errors'

export interface ForkRequestInput {
  stepId: string
  mode: ForkMode
  branch?: string
  reason?: string
  /** The user confirmed forking a file that failed its integrity check. */
  overrideIntegrity?: boolean
}

export interface StatusOptions {
  /** The user confirmed re-saving a file that failed its integrity check. */
  overrideIntegrity?: boolean
}

export interface SignatureKeys {
  hmacKey?: string
  /** How hmacKey is written; text when absent. */
  hmacKeyFormat?: 'text' | 'hex' | 'base64'
  ed25519PublicKeyHex?: string
  trustEmbeddedKey?: boolean
}

export interface RunActions {
  /** Writes a fork of the open run and opens it with the fork point selected; false when it failed. */
  forkStep(input: ForkRequestInput): Promise<boolean>
  /** Pause or resume the open run; a change on disk since it was loaded opens the conflict dialog. */
  setRunStatus(status: RunStatusChoice, options?: StatusOptions): Promise<void>
  /** The user's answer to a conflict: re-read the file, drop the action, or write the status over the disk version. */
  resolveConflict(choice: 'reload' | 'cancel' | 'overwrite'): Promise<void>
  verifySignature(keys: SignatureKeys): Promise<SignatureCheckView | null>
  loadLineage(): Promise<void>
  /** Opens the diff view for two run files (side A, side B). */
  compareRuns(fileA: string, fileB: string): void
  /** The open run against its default partner, else the "Compare with…" chooser. */
  compareOpenRun(): void
}

interface Dependencies {
  openRun(file: string): Promise<void>
  reloadOpenRun(): Promise<void>
}

export function createRunActions(api: TineApi, store: TineStore, deps: Dependencies): RunActions {
  /** The open run when it may be written: freely, or (overrideIntegrity) after the user confirmed its failed check. */
  const writableRun = (overrideIntegrity = false) => {
    const state = store.getState()
    if (writeBlockReason(state.openRun, state.runRemoved) === null) return state.openRun
    return overrideIntegrity && integrityOverrideReason(state.openRun, state.runRemoved) ? state.openRun : null
  }

  const writeStatus = async (status: RunStatusChoice, overwriteChanges: boolean, overrideIntegrity = false) => {
    const run = writableRun(overrideIntegrity)
    if (!run || store.getState().actionBusy) return
    store.getState().setActionBusy('status')
    const override = overrideIntegrity && writeBlockReason(run, false) !== null
    try {
      const result = await api.invoke('runs.setStatus', {
        file: run.file,
        status,
        expected: { mtimeMs: run.mtimeMs, size: run.size },
        ...(overwriteChanges ? { overwriteChanges: true } : {}),
        ...(override ? { overrideIntegrity: true as const } : {})
      })
      if (result.ok) {
        store.getState().setConflict(null)
        await deps.reloadOpenRun()
      } else {
        store
          .getState()
          .setConflict({ file: run.file, status, change: result.conflict, ...(override ? { overrideIntegrity } : {}) })
      }
    } catch (error) {
      store.getState().setConflict(null)
      store.getState().setNotice(`Could not ${status === 'paused' ? 'pause' : 'resume'} the run: ${messageOf(error)}`)
    } finally {
      store.getState().setActionBusy(null)
    }
  }

  const compareRuns = (fileA: string, fileB: string) => {
    const state = store.getState()
    state.setCompareDialog(false)
    state.closeStepMenu()
    void state.openDiff(fileA, fileB)
  }

  return {
    async forkStep({ stepId, mode, branch, reason, overrideIntegrity = false }) {
      const run = writableRun(overrideIntegrity)
      if (!run || store.getState().actionBusy) return false
      const override = overrideIntegrity && writeBlockReason(run, false) !== null
      store.getState().setActionBusy('fork')
      store.getState().setForkError(null)
      try {
        const result = await api.invoke('runs.fork', {
          file: run.file,
          stepId,
          mode,
          ...(branch && branch.trim() ? { branch: branch.trim() } : {}),
          ...(reason && reason.trim() ? { reason: reason.trim() } : {}),
          ...(override ? { overrideIntegrity: true as const } : {})
        })
        store.getState().setActionBusy(null)
        store.getState().closeForkDialog()
        store.getState().setFocusStep({ file: result.file, stepId: result.forkPoint })
        store
          .getState()
          .setNotice(
            `${mode === 'before' ? 'Retry' : 'Branch'} written: ${result.runId.slice(0, 12)} keeps ${result.retained} step${result.retained === 1 ? '' : 's'} of ${result.sourceRunId.slice(0, 12)}.`
          )
        await deps.openRun(result.file)
        // Opening a new file clears the selection; the fork point is the step to look at.
        if (store.getState().openFile === result.file && store.getState().openRun) {
          store.getState().selectStep(result.forkPoint)
          store.getState().setSidePanel('step')
        }
        return true
      } catch (error) {
        store.getState().setForkError(messageOf(error))
        return false
      } finally {
        if (store.getState().actionBusy === 'fork') store.getState().setActionBusy(null)
      }
    },

    setRunStatus: (status, options) => writeStatus(status, false, options?.overrideIntegrity === true),

    async resolveConflict(choice) {
      const conflict = store.getState().conflict
      if (!conflict) return
      if (choice === 'cancel') {
        store.getState().setConflict(null)
        return
      }
      if (choice === 'reload') {
        store.getState().setConflict(null)
        if (store.getState().openFile === conflict.file) await deps.reloadOpenRun()
        else await deps.openRun(conflict.file)
        return
      }
      // The main side writes the disk version with only the status changed: the other writer's steps stay.
      if (store.getState().openFile !== conflict.file) {
        store.getState().setConflict(null)
        return
      }
      await writeStatus(conflict.status, true, conflict.overrideIntegrity === true)
    },

    async verifySignature(keys) {
      const run = store.getState().openRun
      if (!run || store.getState().actionBusy) return null
      store.getState().setActionBusy('signature')
      store.getState().setSignatureError(null)
      try {
        const result = await api.invoke('runs.verifySignature', {
          file: run.file,
          ...(keys.hmacKey ? { hmacKey: keys.hmacKey, hmacKeyFormat: keys.hmacKeyFormat ?? 'text' } : {}),
          ...(keys.ed25519PublicKeyHex ? { ed25519PublicKeyHex: keys.ed25519PublicKeyHex.trim() } : {}),
          ...(keys.trustEmbeddedKey ? { trustEmbeddedKey: true } : {})
        })
        store.getState().setSignatureCheck({ file: run.file, result })
        return result
      } catch (error) {
        store.getState().setSignatureError(messageOf(error))
        return null
      } finally {
        store.getState().setActionBusy(null)
      }
    },

    async loadLineage() {
      try {
        store.getState().setLineage(await api.invoke('runs.lineage', {}))
      } catch (error) {
        store.getState().setLineage(store.getState().lineage, messageOf(error))
      }
    },

    compareRuns,

    compareOpenRun() {
      const state = store.getState()
      if (!state.openRun) return
      const pair = defaultComparePair(state.openRun, state.folders)
      if (pair) compareRuns(pair.fileA, pair.fileB)
      else state.setCompareDialog(true)
    }
  }
}
