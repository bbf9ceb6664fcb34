// Which library could the embedded engine stand on? This script indexes the same 100k synthetic
// Chinese resources in MiniSearch, Orama and FlexSearch (each over the same jieba/pinyin analysis, so
// only the library differs), each in its own process so heap figures do not mix. The engine itself
// (own index, filters, facets, snapshot) against PostgreSQL is measured by compare.ts.
//
//   node --expose-gc --import tsx tests/bench/search/engines.ts [--docs 100000]
//
// Timings are printed, never asserted; the figures go to search/DECISION.md and docs/benchmarks.md.

import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { resourcesIndex, resourceToDocument } from '@liandong/search'
import { buildCandidate, type CandidateName } from '../../../search/bench/candidates.ts'
import { analyzeDocument } from '../../../search/src/analysis/document.ts'
import { planQuery } from '../../../search/src/analysis/query-plan.ts'
import { DEFAULT_SYNONYMS, Synonyms } from '../../../search/src/analysis/synonyms.ts'
import { generateResources } from './generate.ts'
import { BENCH_QUERIES } from './queries.ts'

type Result = {
  candidate: string
  docs: number
  analysisMs: number
  buildMs: number
  heapMB: number
  rssMB: number
  p50: number
  p95: number
  p99: number
  extra?: Record<string, number>
}

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i === -1 ? undefined : process.argv[i + 1]
}

const gc = () => (globalThis as { gc?: () => void }).gc?.()
const heapMB = () => {
  gc()
  return process.memoryUsage().heapUsed / 2 ** 20
}
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!
}

/** Runs every query `rounds` times after a warm-up and returns the latency percentiles in ms. */
async function latency(run: (i: number) => unknown, count: number, rounds = 5) {
  for (let i = 0; i < count; i++) await run(i)
  const times: number[] = []
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < count; i++) {
      const t = performance.now()
      await run(i)
      times.push(performance.now() - t)
    }
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) }
}

async function library(candidate: string, n: number): Promise<Result> {
  const docs = generateResources(n).map(resourceToDocument)
  let t = performance.now()
  const analyzed = docs.map((d) => ({ ...analyzeDocument(resourcesIndex, d), id: d.id }))
  const analysisMs = performance.now() - t
  const fields = Object.keys(analyzed[0]!).filter((k) => k !== 'id')
  const synonyms = new Synonyms(DEFAULT_SYNONYMS)
  // Same words for every library: the first alternative of each query group, all required.
  const queries = BENCH_QUERIES.filter((q) => q.text).map((q) =>
    planQuery(q.text!, synonyms).groups.flatMap((g) => g[0]!.map((w) => w.word)),
  )
  const before = heapMB()
  t = performance.now()
  const built = await buildCandidate(candidate as CandidateName, analyzed, fields)
  const search = (i: number) => built.search(queries[i]!)
  const buildMs = performance.now() - t
  const heap = heapMB() - before
  const lat = await latency(search, queries.length)
  return {
    candidate,
    docs: n,
    analysisMs,
    buildMs,
    heapMB: heap,
    rssMB: process.memoryUsage().rss / 2 ** 20,
    ...lat,
  }
}

const fmt = (x: number | null) =>
  x === null || Number.isNaN(x) ? '(in build)' : x >= 100 ? x.toFixed(0) : x.toFixed(2)

async function main() {
  const n = Number(arg('docs') ?? 100_000)
  const only = arg('candidate')
  if (only) {
    const result = await library(only, n)
    process.stdout.write(`${JSON.stringify(result)}\n`)
    return
  }
  const self = fileURLToPath(import.meta.url)
  const results: Result[] = []
  for (const candidate of ['minisearch', 'orama', 'flexsearch']) {
    const child = spawnSync(
      process.execPath,
      [
        '--expose-gc',
        '--max-old-space-size=4096',
        '--import',
        'tsx',
        self,
        '--candidate',
        candidate,
        '--docs',
        String(n),
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    )
    const line = child.stdout.trim().split('\n').at(-1)
    if (child.status !== 0 || !line) {
      console.error(`${candidate}: failed (exit ${child.status})`)
      continue
    }
    results.push(JSON.parse(line) as Result)
    console.error(`${candidate}: done`)
  }
  console.log(`\n${n} documents, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`)
  console.log('| candidate | analysis ms | build ms | heap MB | RSS MB | p50 ms | p95 ms | p99 ms |')
  console.log('|---|---|---|---|---|---|---|---|')
  for (const r of results) {
    console.log(
      `| ${r.candidate} | ${fmt(r.analysisMs)} | ${fmt(r.buildMs)} | ${fmt(r.heapMB)} | ${fmt(r.rssMB)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} |`,
    )
  }
  for (const r of results) if (r.extra) console.log(`\n${r.candidate}: ${JSON.stringify(r.extra)}`)
}

await main()
