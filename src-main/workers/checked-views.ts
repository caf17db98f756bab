/**
 * The views of big runs that a folder's background check has just loaded, kept as JSON text.
 * The check reads, parses and verifies every run anyway; keeping its view means that opening one
 * of those runs afterwards sends the structure at once instead of parsing the file a second time
 * (a 100,000-step run's view is about 33 MB of text, its parsed run about ten times that).
 */
import type { FileStamp } from '../../src-shared/api/run-view'
import { sameStamp } from '../store/file-stamp'

/** Per load worker; the most recently checked views are kept first. */
export const CHECKED_VIEW_BYTES_KEPT = 128 * 1024 * 1024

interface CheckedView {
  stamp: FileStamp
  json: string
}

export class CheckedViews {
  private readonly views = new Map<string, CheckedView>()
  private bytes = 0

  constructor(private readonly budgetBytes = CHECKED_VIEW_BYTES_KEPT) {}

  keep(file: string, stamp: FileStamp, json: string): void {
    this.drop(file)
    if (json.length > this.budgetBytes) return
    this.views.set(file, { stamp, json })
    this.bytes += json.length
    while (this.bytes > this.budgetBytes) this.drop(this.views.keys().next().value!)
  }

  /** The view kept for `file` while the file still has the stamp the view was built from. */
  current(file: string, stamp: FileStamp): string | null {
    const kept = this.views.get(file)
    if (!kept) return null
    if (!sameStamp(kept.stamp, stamp)) {
      this.drop(file)
      return null
    }
    return kept.json
  }

  drop(file: string): void {
    const kept = this.views.get(file)
    if (!kept) return
    this.views.delete(file)
    this.bytes -= kept.json.length
  }
}
