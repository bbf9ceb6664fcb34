import type { ResourceStatus } from '@liandong/db'
import type { MessageKey } from '../../i18n/index.ts'

/** One problem of one row: `field` is the resource field, `column` what the file calls it. */
export interface ImportProblem {
  row: number
  field: string
  column: string
  code: MessageKey
  params?: Record<string, string | number>
}

/** A record read from a file, with the row (or record) number that problems point to. */
export interface SourceRow<T> {
  row: number
  data: T
}

/** A resource as read from one row, before validation. */
export interface Candidate {
  row: number
  /** Updates this resource when it belongs to the importing organization. */
  id?: string
  status?: ResourceStatus
  input: Record<string, unknown>
  problems: ImportProblem[]
  /** How to name a field in problems (the CSV header, or the HSDS property). */
  columnOf: (field: string) => string
}

export const importFormats = ['csv', 'xlsx', 'hsds-json', 'hsds-datapackage'] as const
export type ImportFormat = (typeof importFormats)[number]
