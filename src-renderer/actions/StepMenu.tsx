/** The context menu of a graph node (also opened from the step inspector): fork, pause/resume, compare. */
import { Fragment, useEffect, useLayoutEffect, useRef, useState } from 'react'
import { shortId } from '../lib/format'
import { tineStore, useTine } from '../store/store'
import {
  integrityOverrideReason,
  MISSING_STEP_REASON,
  stepMenuItems,
  unavailableTitle,
  type StepAction
} from './capabilities'
import { runStepAction } from './step-action'

const MENU_MARGIN = 8

/** Fork before the step and run the agent with an edited prompt or model (offered where Retry is). */
function RetryWithChangesItem({ stepId, disabled }: { stepId: string; disabled: boolean }) {
  return (
    <button
      type="button"
      role="menuitem"
      className="step-menu-item"
      data-testid="menu-retry-changes"
      disabled={disabled}
      title={
        disabled
          ? unavailableTitle('Retry this step with changes', MISSING_STEP_REASON)
          : 'Fork before this step, edit its prompt or model, and run the agent from there'
      }
      onClick={() => tineStore.getState().openRetryDialog(stepId)}
    >
      <span>Retry this step with changes…</span>
      {disabled && <DisabledReason reason={MISSING_STEP_REASON} testid="menu-retry-changes-reason" />}
    </button>
  )
}

/** Shown under a disabled item, so the reason is readable without hovering (and by keyboard users). */
function DisabledReason({ reason, testid }: { reason: string; testid: string }) {
  return (
    <small className="step-menu-reason" id={testid} data-testid={testid}>
      {reason}
    </small>
  )
}

export function StepMenu() {
  const menu = useTine((state) => state.stepMenu)
  const run = useTine((state) => state.openRun)
  const removed = useTine((state) => state.runRemoved)
  const agent = useTine((state) => (state.openFile ? (state.agentRuns[state.openFile] ?? null) : null))
  const box = useRef<HTMLDivElement>(null)
  const [position, setPosition] = useState<{ left: number; top: number } | null>(null)

  // Keep the menu inside the window when it opens near an edge.
  useLayoutEffect(() => {
    if (!menu) return
    const element = box.current
    const width = element?.offsetWidth ?? 0
    const height = element?.offsetHeight ?? 0
    setPosition({
      left: Math.max(MENU_MARGIN, Math.min(menu.x, window.innerWidth - width - MENU_MARGIN)),
      top: Math.max(MENU_MARGIN, Math.min(menu.y, window.innerHeight - height - MENU_MARGIN))
    })
    element?.querySelector<HTMLButtonElement>('[role="menuitem"]:not(:disabled)')?.focus()
  }, [menu])

  useEffect(() => {
    if (!menu) return
    const close = (event: Event) => {
      if (box.current && event.target instanceof Node && box.current.contains(event.target)) return
      tineStore.getState().closeStepMenu()
    }
    const closeNow = () => tineStore.getState().closeStepMenu()
    window.addEventListener('pointerdown', close, true)
    window.addEventListener('wheel', closeNow, { passive: true })
    window.addEventListener('resize', closeNow)
    window.addEventListener('blur', closeNow)
    return () => {
      window.removeEventListener('pointerdown', close, true)
      window.removeEventListener('wheel', closeNow)
      window.removeEventListener('resize', closeNow)
      window.removeEventListener('blur', closeNow)
    }
  }, [menu])

  if (!menu || !run) return null
  const items = stepMenuItems(run, menu.stepId, removed, agent)
  const step = run.steps.find((candidate) => candidate.id === menu.stepId)

  const choose = (item: StepAction) => {
    if (item.disabledReason) return
    tineStore.getState().closeStepMenu()
    runStepAction(tineStore.getState(), item.id, menu.stepId)
  }

  const moveFocus = (delta: 1 | -1) => {
    const buttons = Array.from(
      box.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)') ?? []
    )
    if (buttons.length === 0) return
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement)
    buttons[(at + delta + buttons.length) % buttons.length].focus()
  }

  return (
    <div
      ref={box}
      className="step-menu"
      role="menu"
      aria-label={`Actions for step ${shortId(menu.stepId)}`}
      data-testid="step-menu"
      data-step-id={menu.stepId}
      style={{ left: position?.left ?? menu.x, top: position?.top ?? menu.y }}
      onContextMenu={(event) => event.preventDefault()}
      onKeyDown={(event) => {
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
          event.preventDefault()
          moveFocus(event.key === 'ArrowDown' ? 1 : -1)
        } else if (event.key === 'Escape' || event.key === 'Tab') {
          event.preventDefault()
          event.stopPropagation()
          tineStore.getState().closeStepMenu()
        }
      }}
    >
      <div className="step-menu-title">
        {step ? `${step.kind || 'step'} #${step.index}` : 'step'} <code>{shortId(menu.stepId)}</code>
      </div>
      {items.map((item) => (
        <Fragment key={item.id}>
          <button
            type="button"
            role="menuitem"
            className="step-menu-item"
            data-testid={`menu-${item.id}`}
            disabled={item.disabledReason !== null}
            title={
              item.disabledReason
                ? unavailableTitle(item.label, item.disabledReason)
                : item.shortcut
                  ? `${item.label} (${item.shortcut})`
                  : item.label
            }
            aria-describedby={item.disabledReason ? `menu-${item.id}-reason` : undefined}
            onClick={() => choose(item)}
          >
            <span>{item.label}</span>
            {item.shortcut && <kbd>{item.shortcut}</kbd>}
            {item.disabledReason && <DisabledReason reason={item.disabledReason} testid={`menu-${item.id}-reason`} />}
          </button>
          {item.id === 'retry' && <RetryWithChangesItem stepId={menu.stepId} disabled={!step} />}
        </Fragment>
      ))}
      {run.trust.readOnlyReason && (
        <div className="step-menu-note" data-testid="menu-read-only">
          {integrityOverrideReason(run, removed)
            ? 'Integrity check failed: each write asks you to confirm'
            : 'Read-only: no write actions'}
        </div>
      )}
    </div>
  )
}
