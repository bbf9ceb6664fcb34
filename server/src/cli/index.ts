import { Command } from 'commander'
import { openDatabase } from './open-database.ts'

// `pnpm liandong <command>`: the operations a person runs by hand. Each command opens the
// database the server would open (DATABASE_URL or PGlite in DATA_DIR) and closes it again.
const program = new Command('liandong').description('联动 Liandong — operations').showHelpAfterError()

program
  .command('migrate')
  .description('apply database migrations')
  .action(async () => {
    const { database } = await openDatabase()
    await database.migrate()
    await database.close()
    console.log('Migrations applied.')
  })

program
  .command('seed')
  .description('load the demo data if it is not there yet')
  .action(async () => {
    const { seed } = await import('./seed.ts')
    await seed({ reset: false })
  })

program
  .command('reset-demo')
  .description('wipe the database and load fresh demo data (refused against PostgreSQL unless --force)')
  .option('--force', 'also wipe a PostgreSQL database')
  .action(async (options: { force?: boolean }) => {
    const { seed } = await import('./seed.ts')
    await seed({ reset: true, force: Boolean(options.force) })
  })

program
  .command('create-admin')
  .description('create a platform administrator (or make an existing account one)')
  .requiredOption('--email <email>', 'e-mail address')
  .option('--name <name>', 'display name', '平台管理员')
  .option(
    '--password <password>',
    'password (prompted for when omitted is not supported: pass it or use LIANDONG_ADMIN_PASSWORD)',
  )
  .action(async (options: { email: string; name: string; password?: string }) => {
    const { createAdmin } = await import('./create-admin.ts')
    await createAdmin(options)
  })

program
  .command('reindex')
  .description('rebuild search indexes from the database and swap them in (Meilisearch)')
  .argument('[indexes...]', 'index names (default: all)')
  .action(async (indexes: string[]) => {
    const { reindexCommand } = await import('./reindex.ts')
    await reindexCommand(indexes)
  })

program
  .command('audit:verify')
  .description('walk the hash-chained audit trail and report the first broken link (exit code 2)')
  .option('--json', 'print the report as JSON')
  .action(async (options: { json?: boolean }) => {
    const { auditVerify } = await import('./audit-verify.ts')
    await auditVerify(options)
  })

program
  .command('reseal')
  .description(
    'after a DATA_KEY rotation: seal every personal value again under the current key, with progress',
  )
  .action(async () => {
    const { resealCommand } = await import('./reseal.ts')
    await resealCommand()
  })

program
  .command('openapi')
  .description('write the OpenAPI document without starting a server')
  .argument('[out]', 'output file', 'tests/.artifacts/openapi.json')
  .action(async (out: string) => {
    const { writeOpenApi } = await import('./openapi.ts')
    await writeOpenApi(out)
  })

await program.parseAsync()
