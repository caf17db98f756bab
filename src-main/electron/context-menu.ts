/** The right-click menu on text and inputs: what a desktop user expects from any text field. */
import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron'

type Facts = Pick<ContextMenuParams, 'isEditable' | 'selectionText' | 'editFlags'>

export function contextMenuTemplate(params: Facts): MenuItemConstructorOptions[] {
  const hasSelection = params.selectionText.trim() !== ''
  if (params.isEditable) {
    return [
      { role: 'cut', enabled: params.editFlags.canCut },
      { role: 'copy', enabled: params.editFlags.canCopy },
      { role: 'paste', enabled: params.editFlags.canPaste },
      { type: 'separator' },
      { role: 'selectAll', enabled: params.editFlags.canSelectAll }
    ]
  }
  return [{ role: 'copy', enabled: hasSelection }, { type: 'separator' }, { role: 'selectAll' }]
}
