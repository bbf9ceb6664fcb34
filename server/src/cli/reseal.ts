import { SingleBar } from 'cli-progress'
import { resealAll } from '../crypto/reseal.ts'
import { createSecretBox } from '../crypto/secret-box.ts'
import { openDatabase } from './open-database.ts'

/**
 * `liandong reseal`: after setting a new DATA_KEY and moving the old one to DATA_KEY_PREVIOUS,
 * seal every personal value again under the new key. Safe to run while the server runs and to
 * run again (values already under the current key are left alone).
 */
export async function resealCommand() {
  const { config, database } = await openDatabase()
  const box = createSecretBox(config.dataKeys)
  const bars: { bar: SingleBar | null } = { bar: null }
  let current = ''
  try {
    console.log(`Sealing every personal value under key ${box.currentKeyId} …`)
    const report = await resealAll(database.db, box, ({ table, done, total }) => {
      if (table !== current) {
        bars.bar?.stop()
        current = table
        // Without a terminal (a log, CI), the bar prints a line now and then instead of redrawing.
        bars.bar = new SingleBar({
          format: `${table.padEnd(22)} [{bar}] {value}/{total} rows · {duration}s`,
          noTTYOutput: true,
          notTTYSchedule: 2000,
        })
        bars.bar.start(total, done)
      } else bars.bar?.update(done)
    })
    bars.bar?.stop()
    for (const table of report.tables)
      if (table.resealed > 0)
        console.log(`  ${table.table}: ${table.resealed} rows (${table.columns.join(', ')})`)
    console.log(
      `Done: ${report.resealed} rows re-sealed in ${report.tables.length} tables. Values sealed under earlier keys: none left — DATA_KEY_PREVIOUS may now be removed.`,
    )
  } catch (error) {
    bars.bar?.stop()
    console.error(`Stopped: ${(error as Error).message}`)
    process.exitCode = 2
  } finally {
    await database.close()
  }
}
