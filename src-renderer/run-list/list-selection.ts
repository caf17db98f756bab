/**
 * Picking runs in the list for a comparison: Ctrl/Cmd-click toggles a run, Shift-click takes the
 * range from the anchor, a plain click starts over with the clicked run. Pure.
 */
export interface ListSelection {
  files: string[]
  anchor: string | null
}

export interface ClickModifiers {
  ctrlKey: boolean
  metaKey: boolean
  shiftKey: boolean
}

/**
 * The selection after a click on `file`. `ordered` is the list in display order (readable runs
 * only); `open` is the run on screen, which counts as picked when nothing else is.
 */
export function selectionAfterClick(
  current: ListSelection,
  file: string,
  modifiers: ClickModifiers,
  ordered: string[],
  open: string | null
): ListSelection {
  const base = current.files.length > 0 ? current.files : open ? [open] : []
  if (modifiers.ctrlKey || modifiers.metaKey) {
    const files = base.includes(file) ? base.filter((picked) => picked !== file) : [...base, file]
    return { files, anchor: file }
  }
  if (modifiers.shiftKey) {
    const anchor = current.anchor ?? open
    const from = anchor ? ordered.indexOf(anchor) : -1
    const to = ordered.indexOf(file)
    if (from >= 0 && to >= 0) {
      const [low, high] = from <= to ? [from, to] : [to, from]
      const range = ordered.slice(low, high + 1)
      // The anchor stays first so the pair order follows what was clicked first.
      return { files: from <= to ? range : range.reverse(), anchor }
    }
  }
  return { files: [file], anchor: file }
}

/** Whether a click only changes the picked runs (and must not open the clicked one). */
export function isPickClick(modifiers: ClickModifiers): boolean {
  return modifiers.ctrlKey || modifiers.metaKey || modifiers.shiftKey
}
