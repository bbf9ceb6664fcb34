// One embedded-engine measurement in a process of its own, so its RSS is the index and nothing else:
//   build: generate resources in batches of 1,000 (each batch dropped once indexed), time the build,
//          run the queries, save a snapshot to --snapshot;
//   load:  load that snapshot, run the queries.
// Prints one JSON line. Started by compare.ts; runnable alone:
//   node --expose-gc --import tsx bench/search/embedded-run.ts --mode build --docs 100000 --snapshot /tmp/s
// (--slowest 10 also prints the ten slowest queries by median to stderr).

import { statSync } from 'node:fs'
import { join } from 'node:path'
import { EmbeddedSearchEngine, resourcesIndex, resourceToDocument } from '@liandong/search'
import { resourceBatches } from './generate.ts'
import { BENCH_QUERIES } from './queries.ts'
import { latency, percentile, rssMB } from './stats.ts'

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i === -1 ? undefined : process.argv[i + 1]
}

const mode = arg('mode') ?? 'build'
const docs = Number(arg('docs') ?? 10_000)
const dir = arg('snapshot')
const rounds = Number(arg('rounds') ?? 5)

const engine = new EmbeddedSearchEngine()
const out: Record<string, number | string> = { mode, docs }
if (mode === 'build') {
  await engine.ensureIndex(resourcesIndex)
  const t = performance.now()
  for (const batch of resourceBatches(docs, 1000))
    await engine.upsert('resources', batch.map(resourceToDocument))
  out.buildMs = performance.now() - t
} else {
  if (!dir) throw new Error('--snapshot is required to load')
  const t = performance.now()
  const loaded = await engine.loadSnapshot(dir, [resourcesIndex])
  out.loadMs = performance.now() - t
  if (!loaded.includes('resources')) throw new Error('snapshot not loaded')
}
if ((await engine.stats('resources')).documents !== docs) throw new Error('wrong document count')
Object.assign(
  out,
  await latency((i) => engine.search('resources', BENCH_QUERIES[i]!), BENCH_QUERIES.length, rounds),
)
// --slowest N: the N queries with the highest median, to stderr, to see what makes the tail.
const slowest = Number(arg('slowest') ?? 0)
if (slowest > 0) {
  const medians = []
  for (const [i, q] of BENCH_QUERIES.entries()) {
    const times: number[] = []
    for (let r = 0; r < rounds; r++) {
      const t = performance.now()
      await engine.search('resources', q)
      times.push(performance.now() - t)
    }
    medians.push({ i, ms: percentile(times, 50), q })
  }
  medians.sort((a, b) => b.ms - a.ms)
  for (const { i, ms, q } of medians.slice(0, slowest))
    process.stderr.write(
      `${ms.toFixed(2)} ms  #${i} text=${JSON.stringify(q.text ?? '')} picks=${Object.keys(q.facetFilters ?? {}).join(',') || '-'} facets=${(q.facets ?? []).join(',') || '-'} filtered=${q.filter ? 'yes' : 'no'}\n`,
    )
}
out.rssMB = rssMB()
out.heapMB = process.memoryUsage().heapUsed / 2 ** 20
if (mode === 'build' && dir) {
  const t = performance.now()
  await engine.saveSnapshot(dir)
  out.saveMs = performance.now() - t
  out.snapshotMB = statSync(join(dir, 'resources.search-snapshot.bin')).size / 2 ** 20
}
process.stdout.write(`${JSON.stringify(out)}\n`)
