/**
 * Table cells as the terminal shows them. A cell is made visible first (invisible format characters
 * escaped, control characters replaced), then padded by its width on screen (a CJK character takes
 * two columns), so a name from a file can neither hide characters nor push the columns out of line.
 */
import stringWidth from 'string-width'
import { visibleText } from '../../src-shared/api/visible-text'

const CONTROL = /[\u0000-\u001f\u007f]/g

function shownCell(text: string): string {
  return visibleText(text).replace(CONTROL, '?')
}

function padCell(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)))
}

/** One column of cells, made visible and padded to its widest. */
export function alignedColumn(cells: readonly string[]): string[] {
  const shown = cells.map(shownCell)
  const width = Math.max(0, ...shown.map((cell) => stringWidth(cell)))
  return shown.map((cell) => padCell(cell, width))
}

/** Rows of cells aligned in columns two spaces apart; the last column is not padded. */
export function formatColumns(rows: readonly (readonly string[])[]): string[] {
  const shown = rows.map((row) => row.map(shownCell))
  const widths: number[] = []
  for (const row of shown)
    row.forEach((cell, column) => (widths[column] = Math.max(widths[column] ?? 0, stringWidth(cell))))
  return shown.map((row) =>
    row.map((cell, column) => (column === row.length - 1 ? cell : padCell(cell, widths[column]))).join('  ')
  )
}
