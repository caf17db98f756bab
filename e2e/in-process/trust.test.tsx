// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { spawnSync } from 'node:child_process'
import { copyFileSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tineStore } from '../../src-renderer/store/store'
import { BIN } from '../../src-main/testing/cli-harness'
import { FIXTURES_DIR } from '../kit/paths'
import { startHarness, writeTamperedCopy, type Harness } from './support/actions-harness'

const SIGNED = path.join(FIXTURES_DIR, 'golden/golden_signed_v2.tine')
/** The published test key of the golden fixture (fixtures README). */
const GOLDEN_KEY = 'golden-tine-signing-key-01234567'
const COMPAT_SIGNED = path.join(FIXTURES_DIR, 'compat/v0_8_0/artifact_signed.tine')
/** The compat fixtures' key as conformance/keys.json publishes it: hex of its bytes. */
const COMPAT_KEY_HEX = JSON.parse(readFileSync(path.join(FIXTURES_DIR, 'conformance/keys.json'), 'utf8')).hmac_compat

let harness: Harness | null = null
afterEach(async () => {
  await harness?.dispose()
  harness = null
})

async function verifyWith(key: string) {
  const dialog = screen.getByTestId('signature-dialog')
  fireEvent.change(within(dialog).getByTestId('signature-hmac'), { target: { value: key } })
  await act(async () => {
    fireEvent.click(within(dialog).getByTestId('signature-check'))
  })
  return waitFor(() => within(dialog).getByTestId('signature-result'), { timeout: 5000 })
}

describe('trust banner', () => {
  it('says verified and unsigned for an untouched example, with nothing to verify and no read-only notice', async () => {
    harness = await startHarness()
    await harness.open('research-agent.tine')
    const banner = screen.getByTestId('trust-banner')
    expect(banner.dataset.integrity).toBe('ok')
    expect(banner.dataset.signature).toBe('unsigned')
    expect(banner.textContent).toContain('Integrity verified')
    expect(screen.queryByTestId('verify-signature')).toBeNull()
    expect(screen.queryByTestId('read-only-notice')).toBeNull()
  })

  it('shows a mismatch with the read-only warning for a tampered copy', async () => {
    harness = await startHarness({
      prepare: (runsDir) =>
        writeTamperedCopy(path.join(runsDir, 'release-failed.tine'), path.join(runsDir, 'tampered.tine'))
    })
    await harness.open('tampered.tine')
    const banner = screen.getByTestId('trust-banner')
    expect(banner.dataset.integrity).toBe('mismatch')
    expect(within(banner).getByTestId('trust-integrity').textContent).toMatch(/^Integrity mismatch: /)
    expect(within(banner).getByTestId('read-only-notice').textContent).toContain(
      tineStore.getState().openRun!.trust.readOnlyReason!
    )
  })

  it('says a run was forked from a file that failed its integrity check, and that a step id does not match', async () => {
    harness = await startHarness({
      prepare: (runsDir) => {
        writeTamperedCopy(path.join(runsDir, 'release-failed.tine'), path.join(runsDir, 'tampered.tine'))
        const forked = spawnSync(
          process.execPath,
          [
            BIN,
            'fork',
            path.join(runsDir, 'tampered.tine'),
            '--from-step',
            '2',
            '--after',
            '--force',
            '--save',
            path.join(runsDir, 'forced.tine')
          ],
          { encoding: 'utf8' }
        )
        expect(forked.status, forked.stderr).toBe(0)
      }
    })
    await harness.open('forced.tine')
    const banner = screen.getByTestId('trust-banner')
    expect(banner.dataset.integrity).toBe('ok')
    const warnings = within(banner)
      .getAllByTestId('trust-warning')
      .map((line) => line.textContent)
    expect(warnings).toEqual([
      'forked from a file that failed its integrity check (digest mismatch)',
      "1 step id does not match the step's content: it was edited after the id was taken"
    ])
    expect(banner.className).toContain('tone-bg-bad')
  })

  it('a signed file is "not checkable without a key" until the user verifies it with the HMAC key', async () => {
    harness = await startHarness({ prepare: (runsDir) => copyFileSync(SIGNED, path.join(runsDir, 'signed.tine')) })
    await harness.open('signed.tine')
    const banner = screen.getByTestId('trust-banner')
    expect(banner.dataset.integrity).toBe('ok')
    expect(banner.dataset.signature).toBe('no-key')
    expect(banner.textContent).toMatch(/Signed \(hmac-sha256.*\); not checkable without a key/)

    fireEvent.click(screen.getByTestId('verify-signature'))
    // An HMAC key is required before anything is sent.
    expect((screen.getByTestId('signature-check') as HTMLButtonElement).disabled).toBe(true)

    const wrong = await verifyWith('x'.repeat(GOLDEN_KEY.length))
    expect(wrong.dataset.state).toBe('mismatch')
    expect(screen.getByTestId('trust-banner').dataset.signature).toBe('mismatch')

    const right = await verifyWith(GOLDEN_KEY)
    await waitFor(() => expect(right.dataset.state).toBe('verified'))
    expect(screen.getByTestId('trust-banner').dataset.signature).toBe('verified')
    expect(harness.api.requests('runs.verifySignature').map((request) => request.hmacKey)).toEqual([
      'x'.repeat(GOLDEN_KEY.length),
      GOLDEN_KEY
    ])

    // The Run tab says what the check found, not only what the file claims.
    await act(async () => tineStore.getState().setSidePanel('run'))
    const runSignature = screen.getByTestId('run-signature')
    expect(runSignature.dataset.state).toBe('verified')
    expect(runSignature.textContent).toMatch(/^Signature verified: /)

    // An Ed25519 key must be 64 hex characters before it is sent.
    fireEvent.click(screen.getByTestId('signature-kind-ed25519'))
    fireEvent.change(screen.getByTestId('signature-ed25519'), { target: { value: 'abc' } })
    expect((screen.getByTestId('signature-check') as HTMLButtonElement).disabled).toBe(true)
    fireEvent.keyDown(window, { key: 'Escape' })
    expect(screen.queryByTestId('signature-dialog')).toBeNull()
  })

  it('the hex form of a published key verifies once the user says it is hex; as text it is a mismatch', async () => {
    harness = await startHarness({
      prepare: (runsDir) => copyFileSync(COMPAT_SIGNED, path.join(runsDir, 'compat.tine'))
    })
    await harness.open('compat.tine')
    fireEvent.click(screen.getByTestId('verify-signature'))
    expect(screen.getByTestId('signature-formats').textContent).toMatch(/text, hex or base64/)
    const asText = await verifyWith(COMPAT_KEY_HEX)
    expect(asText.dataset.state).toBe('mismatch')
    fireEvent.change(screen.getByTestId('signature-hmac-format'), { target: { value: 'hex' } })
    const asHex = await verifyWith(COMPAT_KEY_HEX)
    await waitFor(() => expect(asHex.dataset.state).toBe('verified'))
    expect(harness.api.requests('runs.verifySignature').map((request) => request.hmacKeyFormat)).toEqual([
      'text',
      'hex'
    ])
    expect(screen.getByTestId('trust-banner').dataset.signature).toBe('verified')
  })
})
