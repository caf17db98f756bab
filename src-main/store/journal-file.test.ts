/** A journal is read only as a regular file of bounded size: a FIFO or device under its name never hangs a reader. */
import { execFileSync } from 'node:child_process'
import { copyFileSync, symlinkSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIXTURES_DIR } from '../../e2e/kit/paths'
import { tempFolder } from '../testing/support'
import { journalPathFor, readJournal } from './journal'
import { hasJournal, recoverRun } from './journal-recover'

describe('journal files', () => {
  it('a FIFO or /dev/zero named <run>.tine.journal is refused at once, and the run still loads', async () => {
    const folder = tempFolder('tine-journal-fifo-')
    const fifoRun = path.join(folder, 'fifo.tine')
    copyFileSync(path.join(FIXTURES_DIR, 'golden/golden_v2.tine'), fifoRun)
    execFileSync('mkfifo', [journalPathFor(fifoRun)])
    await expect(readJournal(journalPathFor(fifoRun))).rejects.toThrow(/not a regular file/)
    expect(await hasJournal(fifoRun)).toBe(false)
    expect((await recoverRun(fifoRun)).stepCount).toBe(3)

    const zeroRun = path.join(folder, 'zero.tine')
    copyFileSync(path.join(FIXTURES_DIR, 'golden/golden_v2.tine'), zeroRun)
    symlinkSync('/dev/zero', journalPathFor(zeroRun))
    await expect(readJournal(journalPathFor(zeroRun))).rejects.toThrow()
    expect((await recoverRun(zeroRun)).stepCount).toBe(3)
  }, 10_000)
})
