// Issue 3 item 3: how long the server's start-up build of the embedded index takes when the
// database holds 100k resources — rows read from PostgreSQL page by page, mapped to documents by
// the server's own loader and swapped into the engine, exactly as at start.
//
//   cd tests && npx tsx bench/search/startup.ts [--docs 100000]
//
// Timings are printed, never asserted.
import { cpus, loadavg } from 'node:os'
import { createDb, schema } from '@liandong/db'
import { createSearchEngine, resourcesIndex } from '@liandong/search'
import { documentLoaders, rebuildIndex } from '@liandong/server'
import postgres from 'postgres'
import { resourceBatches } from './generate.ts'

const docsArg = process.argv.indexOf('--docs')
const docs = docsArg === -1 ? 100_000 : Number(process.argv[docsArg + 1])
const adminUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const name = `liandong_startup_${Date.now().toString(36)}`
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
await admin.unsafe(`create database ${name}`)
const url = new URL(adminUrl)
url.pathname = `/${name}`
const database = await createDb({ url: url.toString(), maxConnections: 4 })
try {
  await database.migrate()
  // The generator names organizations 'org-N'; the database wants UUIDs.
  const orgIds = new Map<string, string>()
  const orgUuid = (key: string) =>
    `00000000-0000-7000-9000-${Number(key.slice(4)).toString(16).padStart(12, '0')}`
  let loaded = 0
  const loadStarted = performance.now()
  for (const batch of resourceBatches(docs, 1000)) {
    for (const r of batch) {
      if (!orgIds.has(r.orgId)) {
        orgIds.set(r.orgId, orgUuid(r.orgId))
        await database.db
          .insert(schema.organizations)
          .values({
            id: orgIds.get(r.orgId)!,
            name: r.orgName ?? r.orgId,
            kind: 'partner',
            status: 'approved',
          })
          .onConflictDoNothing()
      }
    }
    await database.db.insert(schema.resources).values(
      batch.map((r) => ({
        id: r.id,
        orgId: orgIds.get(r.orgId)!,
        name: r.title,
        description: r.description,
        keywords: r.keywords ?? [],
        resourceType: r.resourceType as 'human',
        visibility: r.visibility,
        status: r.status === 'published' ? ('active' as const) : ('draft' as const),
        needCategories: r.needCategories,
        recipientCategories: r.recipientCategories,
        districtCodes: r.districtCodes,
        ageMin: r.ageMin ?? null,
        ageMax: r.ageMax ?? null,
        capacityTotal: r.capacityAvailable,
        capacityAvailable: r.capacityAvailable,
      })),
    )
    loaded += batch.length
  }
  const loadMs = performance.now() - loadStarted
  const engine = createSearchEngine({})
  await engine.ensureIndex(resourcesIndex)
  // Other work shares the cores; the load average when the build starts says how busy it was.
  const loadAtBuild = loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')
  const started = performance.now()
  const indexed = await rebuildIndex(engine, 'resources', documentLoaders(database.db).resources!)
  const buildMs = performance.now() - started
  const rss = process.memoryUsage().rss / 1048576
  console.log(
    [
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
      `rows inserted: ${loaded} in ${(loadMs / 1000).toFixed(1)} s`,
      `start-up build (read from PostgreSQL, map, index, swap): ${indexed} documents in ${(buildMs / 1000).toFixed(1)} s`,
      `RSS after the build: ${rss.toFixed(0)} MB`,
      `load average (1, 5, 15 min) when the build started: ${loadAtBuild}`,
    ].join('\n'),
  )
  await engine.close()
} finally {
  await database.close()
  await admin.unsafe(`drop database if exists ${name} with (force)`)
  await admin.end()
}
