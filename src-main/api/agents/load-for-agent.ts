/**
 * A run as the agent will continue it: the file plus its checkpoint journal, so a run cut off
 * mid-way is continued from its last completed step, not from its last fold.
 */
import type { Run } from '../../../src-shared/run/run'
import { recoverRun } from '../../store/journal-recover'
import { firstLineOf } from '../../../src-shared/tine/errors'
import { ApiError } from '../../../src-shared/api/api-error'

export async function loadForAgent(file: string): Promise<Run> {
  try {
    return await recoverRun(file)
  } catch (error) {
    throw new ApiError('unreadable', `cannot load ${file}: ${firstLineOf(error)}`)
  }
}
