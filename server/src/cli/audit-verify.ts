import { verifyAuditChain } from '@liandong/db'
import { openDatabase } from './open-database.ts'

/**
 * `pnpm liandong audit:verify`: walks the hash-chained audit trail and names the first broken
 * link. Exit code 0 when the chain is intact, 2 when it is broken. The head hash it prints can be
 * written down elsewhere (a ticket, a signed mail): a later run proves nothing before it changed.
 */
export async function auditVerify(options: { json?: boolean }): Promise<void> {
  const { database } = await openDatabase()
  try {
    const report = await verifyAuditChain(database.db, {
      onProgress: (checked, total) => {
        if (!options.json && process.stderr.isTTY) process.stderr.write(`\rchecked ${checked} / ${total}`)
      },
    })
    if (!options.json && process.stderr.isTTY) process.stderr.write('\n')
    if (options.json) console.log(JSON.stringify(report))
    else if (report.ok)
      console.log(`Audit chain intact: ${report.rows} rows, head #${report.head?.seq} ${report.head?.hash}`)
    else {
      const b = report.broken!
      console.log(
        `Audit chain BROKEN at row ${b.id ?? '(unknown)'}${b.seq === null ? '' : ` (#${b.seq})`}: ${b.reason}. ` +
          `${report.rows} rows before it verified.`,
      )
    }
    process.exitCode = report.ok ? 0 : 2
  } finally {
    await database.close()
  }
}
