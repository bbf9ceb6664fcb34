// Libraries that only a few requests need — spreadsheets (reports, resource import and export),
// zip files (HSDS data packages) and PDFs (certificates) — load on first use. Together they hold
// about 70 MB of memory that an idle server would otherwise keep (docs/benchmarks.md); the first
// export after a start waits a few hundred milliseconds for them instead.

export const loadExcel = async () => (await import('exceljs')).default
export const loadZip = async () => (await import('jszip')).default
export const loadPdfKit = async () => (await import('pdfkit')).default
