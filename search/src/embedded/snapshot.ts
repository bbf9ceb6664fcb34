import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DOMAIN_WORDS } from '../analysis/dictionary.ts'
import type { IndexDefinition, SearchDocument } from '../engine.ts'
import { EmbeddedIndex } from './embedded-index.ts'

// A snapshot is one JSON file per index: the definition, the analysis version, the documents and
// MiniSearch's own serialisation. An index built with another dictionary or definition would answer
// differently from a fresh one, so such a snapshot is ignored rather than loaded.

/** Bump when analysis changes in a way the dictionary hash does not capture. */
const ANALYSIS_REVISION = 1

export const ANALYSIS_VERSION = `${ANALYSIS_REVISION}-${createHash('sha256')
  .update(DOMAIN_WORDS.join('\n'))
  .digest('hex')
  .slice(0, 12)}`

type SnapshotFile = {
  analysisVersion: string
  savedAt: string
  definition: IndexDefinition
  docs: SearchDocument[]
  mini: ReturnType<EmbeddedIndex['toSnapshot']>['mini']
}

const fileFor = (dir: string, name: string) => join(dir, `${name}.search-snapshot.json`)

export async function saveSnapshot(dir: string, indexes: EmbeddedIndex[]): Promise<void> {
  await mkdir(dir, { recursive: true })
  for (const index of indexes) {
    const { mini, docs } = index.toSnapshot()
    const file: SnapshotFile = {
      analysisVersion: ANALYSIS_VERSION,
      savedAt: new Date().toISOString(),
      definition: index.definition,
      docs,
      mini,
    }
    const target = fileFor(dir, index.definition.name)
    // Write then rename, so a crash mid-write never leaves a half snapshot to be loaded next start.
    await writeFile(`${target}.tmp`, JSON.stringify(file))
    await rename(`${target}.tmp`, target)
  }
}

export async function loadSnapshot(dir: string, definitions: IndexDefinition[]): Promise<EmbeddedIndex[]> {
  const loaded: EmbeddedIndex[] = []
  for (const definition of definitions) {
    let file: SnapshotFile
    try {
      file = JSON.parse(await readFile(fileFor(dir, definition.name), 'utf8')) as SnapshotFile
    } catch {
      continue
    }
    if (file.analysisVersion !== ANALYSIS_VERSION) continue
    if (JSON.stringify(file.definition) !== JSON.stringify(definition)) continue
    loaded.push(new EmbeddedIndex(definition, { mini: file.mini, docs: file.docs }))
  }
  return loaded
}
