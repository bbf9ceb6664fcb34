import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The data folder ${dataDir} is already in use by process ${pid}. ` +
        'PGlite must be opened by one process only: stop the other process, or set DATABASE_URL to use PostgreSQL.',
    )
    this.name = 'DataDirLockedError'
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM means the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Takes an exclusive lock on a PGlite data folder with a pid file created atomically ('wx').
 * A lock left by a crashed process (its pid no longer alive) is taken over. We write this small
 * lock rather than use proper-lockfile because that one judges staleness by mtime, which would
 * refuse a restart for several seconds after a crash.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, '.liandong.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' })
      let released = false
      return () => {
        if (released) return
        released = true
        rmSync(file, { force: true })
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const pid = Number.parseInt(readFileSync(file, 'utf8'), 10)
      if (Number.isFinite(pid) && pid !== process.pid && alive(pid))
        throw new DataDirLockedError(dataDir, pid)
      if (pid === process.pid) throw new DataDirLockedError(dataDir, pid)
      rmSync(file, { force: true })
    }
  }
  throw new Error(`Could not lock ${dataDir}`)
}
