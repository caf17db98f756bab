import { describe, expect, it } from 'vitest'
import { baseUrlToConfirm, externalLinkQuestion } from './confirmations'
import { GRANTED_PERMISSION, isPermissionGranted } from './guards'

describe('permissions', () => {
  const app = { requestingUrl: 'app://opentine/index.html', isMainFrame: true }
  it('grants clipboard write to our main frame only', () => {
    expect(GRANTED_PERMISSION).toBe('clipboard-sanitized-write')
    expect(isPermissionGranted('clipboard-sanitized-write', app)).toBe(true)
    expect(isPermissionGranted('clipboard-sanitized-write', { ...app, isMainFrame: false })).toBe(false)
    expect(
      isPermissionGranted('clipboard-sanitized-write', {
        requestingUrl: 'file:///home/me/evil.html',
        isMainFrame: true
      })
    ).toBe(false)
    expect(
      isPermissionGranted('clipboard-sanitized-write', { requestingUrl: 'app://other/index.html', isMainFrame: true })
    ).toBe(false)
    expect(isPermissionGranted('clipboard-sanitized-write', undefined)).toBe(false)
    for (const other of ['clipboard-read', 'media', 'notifications', 'geolocation', 'openExternal'])
      expect(isPermissionGranted(other, app)).toBe(false)
  })
})

describe('main-side confirmations', () => {
  it('asks before storing a base URL, not for keys or a cleared value', () => {
    expect(
      baseUrlToConfirm('settings.setSecret', { name: 'OPENAI_COMPATIBLE_BASE_URL', value: ' http://evil.example/v1 ' })
    ).toBe('http://evil.example/v1')
    expect(baseUrlToConfirm('settings.setSecret', { name: 'OPENAI_COMPATIBLE_BASE_URL', value: '' })).toBeNull()
    expect(baseUrlToConfirm('settings.setSecret', { name: 'OPENAI_API_KEY', value: 'sk-1' })).toBeNull()
    expect(baseUrlToConfirm('agents.start', { name: 'OPENAI_COMPATIBLE_BASE_URL', value: 'http://x' })).toBeNull()
    expect(baseUrlToConfirm('settings.setSecret', null)).toBeNull()
  })

  it('names the URL in the link question and defaults to Cancel', () => {
    const question = externalLinkQuestion('https://example.com/a')
    expect(question.detail).toContain('https://example.com/a')
    expect(question.buttons?.[question.defaultId ?? -1]).toBe('Cancel')
  })
})
