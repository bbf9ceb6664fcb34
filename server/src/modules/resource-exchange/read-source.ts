import type { Candidate, ImportFormat, ImportProblem } from './exchange.types.ts'
import { servicesFromDatapackage, servicesFromJson, serviceToCandidate } from './hsds-import.ts'
import { rowToCandidate } from './rows.ts'
import { readCsv, readXlsx, toSheet } from './tabular.ts'

/**
 * A file → candidate resources, one per row (CSV, XLSX) or HSDS service. Problems of the file as a
 * whole (unknown or missing columns) come back apart; an unreadable file throws UnreadableFileError.
 */
export async function readSource(
  format: ImportFormat,
  data: Buffer,
  fallbackDistrict: string | null,
): Promise<{ candidates: Candidate[]; fileProblems: ImportProblem[] }> {
  switch (format) {
    case 'csv':
    case 'xlsx': {
      const table = format === 'csv' ? readCsv(data) : await readXlsx(data)
      const { sheet, problems } = toSheet(table)
      return { candidates: sheet.rows.map(rowToCandidate), fileProblems: problems }
    }
    case 'hsds-json':
      return {
        candidates: servicesFromJson(data).map((s) => serviceToCandidate(s, fallbackDistrict)),
        fileProblems: [],
      }
    case 'hsds-datapackage':
      return {
        candidates: (await servicesFromDatapackage(data)).map((s) => serviceToCandidate(s, fallbackDistrict)),
        fileProblems: [],
      }
  }
}
