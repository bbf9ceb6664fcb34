import type ExcelJS from 'exceljs'
import { type Locale, type MessageKey, t } from '../../i18n/index.ts'
import { loadExcel } from '../../lazy-libraries.ts'
import type { HoursSummary, ReportRecord } from './hours-report.ts'

type Column = { key: string; header: MessageKey; width: number; numFmt?: string }

const personColumns: Column[] = [
  { key: 'name', header: 'report.name', width: 16 },
  { key: 'volunteerNumber', header: 'report.volunteer_number', width: 20 },
  { key: 'records', header: 'report.records', width: 10 },
  { key: 'minutes', header: 'report.minutes', width: 12 },
  { key: 'hours', header: 'report.hours', width: 10, numFmt: '0.00' },
]
const opportunityColumns: Column[] = [
  { key: 'title', header: 'report.opportunity', width: 32 },
  { key: 'volunteers', header: 'report.volunteers', width: 10 },
  { key: 'records', header: 'report.records', width: 10 },
  { key: 'minutes', header: 'report.minutes', width: 12 },
  { key: 'hours', header: 'report.hours', width: 10, numFmt: '0.00' },
]
const recordColumns: Column[] = [
  { key: 'serviceDate', header: 'report.date', width: 12 },
  { key: 'name', header: 'report.name', width: 16 },
  { key: 'volunteerNumber', header: 'report.volunteer_number', width: 20 },
  { key: 'activity', header: 'report.opportunity', width: 32 },
  { key: 'place', header: 'report.place', width: 30 },
  { key: 'source', header: 'report.source', width: 10 },
  { key: 'minutes', header: 'report.minutes', width: 12 },
  { key: 'hours', header: 'report.hours', width: 10, numFmt: '0.00' },
]

function addSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: Column[],
  rows: Array<Record<string, unknown>>,
  locale: Locale,
) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = columns.map((c) => ({
    key: c.key,
    header: t(locale, c.header),
    width: c.width,
    ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}),
  }))
  sheet.getRow(1).font = { bold: true }
  sheet.addRows(rows)
  return sheet
}

/** The report as a workbook: one sheet by person, one by opportunity, one with every record. */
export async function hoursWorkbook(summary: HoursSummary, records: ReportRecord[], locale: Locale) {
  const Excel = await loadExcel()
  const workbook = new Excel.Workbook()
  workbook.creator = 'Liandong'
  addSheet(workbook, t(locale, 'report.sheet_people'), personColumns, summary.byPerson, locale)
  addSheet(
    workbook,
    t(locale, 'report.sheet_opportunities'),
    opportunityColumns,
    summary.byOpportunity,
    locale,
  )
  addSheet(
    workbook,
    t(locale, 'report.sheet_records'),
    recordColumns,
    records.map((r) => ({
      ...r,
      activity: r.opportunityTitle ?? r.activityName,
      source: t(locale, `report.source_${r.source}` as MessageKey),
      hours: Math.round((r.minutes / 60) * 100) / 100,
    })),
    locale,
  )
  return workbook
}

export async function hoursXlsx(summary: HoursSummary, records: ReportRecord[], locale: Locale) {
  return Buffer.from(await (await hoursWorkbook(summary, records, locale)).xlsx.writeBuffer())
}

// A cell starting with = + - @ is a formula to Excel; a quote makes it text (CSV injection).
const neutralise = (value: unknown) =>
  typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value

/** One table as CSV in UTF-8 with a byte-order mark, without which Excel shows Chinese as mojibake. */
export async function hoursCsv(
  summary: HoursSummary,
  records: ReportRecord[],
  view: 'person' | 'opportunity' | 'records',
  locale: Locale,
) {
  const workbook = await hoursWorkbook(summary, records, locale)
  const sheetName = t(
    locale,
    view === 'person'
      ? 'report.sheet_people'
      : view === 'opportunity'
        ? 'report.sheet_opportunities'
        : 'report.sheet_records',
  )
  const csv = await workbook.csv.writeBuffer({
    sheetName,
    map: (value: unknown) => neutralise(value),
    formatterOptions: { writeBOM: true },
  } as Partial<ExcelJS.CsvWriteOptions>)
  return Buffer.from(csv)
}
