import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import { loadExcel } from '../../lazy-libraries.ts'
import { COLUMNS, type Column, findColumn } from './columns.ts'
import type { ImportProblem, SourceRow } from './exchange.types.ts'

// CSV and XLSX files ↔ rows of cells keyed by column. Row numbers are the spreadsheet's: the
// header is row 1, the first resource row 2 (blank rows count, as a spreadsheet shows them).

export interface Sheet {
  columns: (Column | null)[]
  rows: SourceRow<Record<string, string>>[]
}

export class UnreadableFileError extends Error {}

/** UTF-8 (with or without BOM) or, as Excel saves CSV on Chinese Windows, GB18030. */
function decodeText(data: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data)
  } catch {
    return new TextDecoder('gb18030').decode(data)
  }
}

export function readCsv(data: Buffer): string[][] {
  try {
    return parse(decodeText(data), {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][]
  } catch (error) {
    throw new UnreadableFileError((error as Error).message)
  }
}

export async function readXlsx(data: Buffer): Promise<string[][]> {
  const ExcelJS = await loadExcel()
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer)
  } catch (error) {
    throw new UnreadableFileError((error as Error).message)
  }
  const sheet = workbook.getWorksheet(SHEET_NAME) ?? workbook.worksheets[0]
  if (!sheet) throw new UnreadableFileError('no worksheet')
  const width = sheet.getRow(1).cellCount
  const rows: string[][] = []
  for (let n = 1; n <= sheet.rowCount; n++) {
    const row = sheet.getRow(n)
    const cells: string[] = []
    // cell.text renders numbers, rich text, hyperlinks and formula results as the sheet shows them.
    for (let c = 1; c <= width; c++) cells.push(row.getCell(c).text ?? '')
    rows.push(cells)
  }
  return rows
}

/** Maps the header row to columns; unknown and missing required columns are row-1 problems. */
export function toSheet(table: string[][]): { sheet: Sheet; problems: ImportProblem[] } {
  const [header = [], ...body] = table
  const problems: ImportProblem[] = []
  const columns = header.map((h) => (h.trim() === '' ? null : (findColumn(h) ?? null)))
  header.forEach((h, i) => {
    if (h.trim() !== '' && !columns[i])
      problems.push({ row: 1, field: h.trim(), column: h.trim(), code: 'import.unknown_column' })
  })
  for (const c of COLUMNS.filter((c) => c.required)) {
    if (!columns.includes(c))
      problems.push({ row: 1, field: c.key, column: c.header, code: 'import.missing_column' })
  }
  const rows: Sheet['rows'] = []
  body.forEach((cells, i) => {
    if (cells.every((cell) => cell.trim() === '')) return
    const values: Record<string, string> = {}
    columns.forEach((c, j) => {
      if (c) values[c.key] = (cells[j] ?? '').trim()
    })
    rows.push({ row: i + 2, data: values })
  })
  return { sheet: { columns, rows }, problems }
}

export const SHEET_NAME = '资源'
const NOTES_SHEET = '填写说明'

export function writeCsv(rows: string[][]): Buffer {
  // The BOM makes Excel open the UTF-8 file as UTF-8 rather than the system code page.
  return Buffer.from(stringify([COLUMNS.map((c) => c.header), ...rows], { bom: true }))
}

export async function writeXlsx(rows: string[][]): Promise<Buffer> {
  const ExcelJS = await loadExcel()
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '联动 Liandong'
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.kind === 'text' && c.key === 'description' ? 40 : Math.max(10, c.header.length * 2 + 4),
  }))
  sheet.getRow(1).font = { bold: true }
  COLUMNS.forEach((c, i) => {
    if (c.required)
      sheet.getCell(1, i + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } }
    // Several locations sit on separate lines of one cell.
    if (c.kind === 'lines') sheet.getColumn(i + 1).alignment = { wrapText: true, vertical: 'top' }
  })
  for (const row of rows) sheet.addRow(row)
  // Every cell is text, so 0012 or a long code is never turned into a number or a date.
  sheet.eachRow((row) => {
    row.eachCell((cell) => {
      cell.numFmt = '@'
    })
  })

  const notes = workbook.addWorksheet(NOTES_SHEET)
  notes.columns = [
    { header: '列名', key: 'header', width: 16 },
    { header: '必填', key: 'required', width: 6 },
    { header: '填写说明', key: 'note', width: 48 },
    { header: '可选值', key: 'codes', width: 60 },
  ]
  notes.getRow(1).font = { bold: true }
  for (const c of COLUMNS) {
    notes.addRow({
      header: c.header,
      required: c.required ? '是' : '',
      note: c.note,
      codes: c.codes ? Object.values(c.codes).join('、') : '',
    })
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
