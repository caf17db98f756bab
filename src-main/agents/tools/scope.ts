/**
 * The folder the user picked for the built-in tools. Every path a model names is resolved with
 * realpath (so `..` and symlinks are followed to where they really lead) and refused unless it
 * lands inside the folder.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'

/** A refusal or failure of a built-in tool, in one line the model can read. */
export class ToolError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ToolError'
  }
}

export class FolderScope {
  private constructor(readonly root: string) {}

  static async open(folder: string): Promise<FolderScope> {
    let root: string
    try {
      root = await fs.realpath(folder)
    } catch {
      throw new ToolError(`the tool folder does not exist: ${folder}`)
    }
    if (!(await fs.stat(root)).isDirectory()) throw new ToolError(`the tool folder is not a folder: ${folder}`)
    return new FolderScope(root)
  }

  /** The real absolute path of `requested` (relative to the root, or absolute inside it). */
  async resolve(requested: string | undefined): Promise<string> {
    const asked = requested === undefined || requested === '' ? '.' : requested
    if (asked.includes('\0')) throw new ToolError('a path cannot contain a NUL character')
    const joined = path.resolve(this.root, asked)
    // Checked before touching the disk too, so a path outside is refused even if it does not exist.
    if (!this.contains(joined)) throw new ToolError(`"${asked}" is outside the folder`)
    let real: string
    try {
      real = await fs.realpath(joined)
    } catch {
      throw new ToolError(`"${asked}" does not exist`)
    }
    if (!this.contains(real)) throw new ToolError(`"${asked}" leads outside the folder`)
    return real
  }

  contains(absolute: string): boolean {
    return (
      absolute === this.root || absolute.startsWith(this.root.endsWith(path.sep) ? this.root : this.root + path.sep)
    )
  }

  /** How paths are shown to the model: relative, with forward slashes. */
  display(absolute: string): string {
    const relative = path.relative(this.root, absolute)
    return relative === '' ? '.' : relative.split(path.sep).join('/')
  }
}
