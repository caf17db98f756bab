import { describe, expect, it } from 'vitest'
import { contextMenuTemplate } from './context-menu'

const flags = {
  canCut: true,
  canCopy: true,
  canPaste: true,
  canSelectAll: true,
  canUndo: false,
  canRedo: false,
  canDelete: false,
  canEditRichly: false
}

describe('context menu', () => {
  it('offers Cut, Copy, Paste and Select All in inputs', () => {
    const roles = contextMenuTemplate({ isEditable: true, selectionText: '', editFlags: flags }).map(
      (item) => item.role ?? item.type
    )
    expect(roles).toEqual(['cut', 'copy', 'paste', 'separator', 'selectAll'])
  })

  it('offers Copy on selected text, disabled without a selection', () => {
    expect(contextMenuTemplate({ isEditable: false, selectionText: 'step text', editFlags: flags })[0]).toEqual({
      role: 'copy',
      enabled: true
    })
    expect(contextMenuTemplate({ isEditable: false, selectionText: ' ', editFlags: flags })[0]).toEqual({
      role: 'copy',
      enabled: false
    })
  })
})
