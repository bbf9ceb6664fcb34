import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DOMAIN_WORDS } from '../analysis/dictionary.ts'
import type { IndexDefinition } from '../engine.ts'
import { EmbeddedIndex, type IndexSnapshot } from './embedded-index.ts'

// A snapshot is one binary file per index: a JSON header (definition, analysis version, column value
// tables, terms) followed by the typed arrays as they sit in memory (column references, the forward
// index, field lengths). Loading parses the header and copies the arrays; postings are rebuilt from the
// forward index by a counting pass, which is faster than reading them. An index built with another
// dictionary, definition or format would answer differently, so such a snapshot is ignored.

/** Bump when analysis changes in a way the dictionary hash does not capture. */
const ANALYSIS_REVISION = 1
const MAGIC = 'LDSNAP02'

export const ANALYSIS_VERSION = `${ANALYSIS_REVISION}-${createHash('sha256')
  .update(DOMAIN_WORDS.join('\n'))
  .digest('hex')
  .slice(0, 12)}`

type ArrayKind = 'u32' | 'u16' | 'u8'
type Section = { kind: ArrayKind; length: number }
type Header = {
  analysisVersion: string
  savedAt: string
  definition: IndexDefinition
  columns: IndexSnapshot['columns']
  terms: string[]
  fieldCount: number
  count: number
  sections: Section[]
}

const CTORS = { u32: Uint32Array, u16: Uint16Array, u8: Uint8Array }
const kindOf = (a: Uint32Array | Uint16Array | Uint8Array): ArrayKind =>
  a instanceof Uint32Array ? 'u32' : a instanceof Uint16Array ? 'u16' : 'u8'
const pad8 = (n: number) => (n + 7) & ~7

const fileFor = (dir: string, name: string) => join(dir, `${name}.search-snapshot.bin`)

export function encodeSnapshot(index: EmbeddedIndex): Buffer {
  const snap = index.toSnapshot()
  const { terms, fieldCount, count, fwd, fwdTf, docStart, fieldLen } = snap.forward
  const arrays = [fwd, fwdTf, docStart, fieldLen, ...snap.columnRefs]
  const header: Header = {
    analysisVersion: ANALYSIS_VERSION,
    savedAt: new Date().toISOString(),
    definition: index.definition,
    columns: snap.columns,
    terms,
    fieldCount,
    count,
    sections: arrays.map((a) => ({ kind: kindOf(a), length: a.length })),
  }
  const json = Buffer.from(JSON.stringify(header))
  const parts: Buffer[] = [Buffer.from(MAGIC), Buffer.alloc(4), json]
  parts[1]!.writeUInt32LE(json.length)
  let size = pad8(MAGIC.length + 4 + json.length)
  parts.push(Buffer.alloc(size - MAGIC.length - 4 - json.length))
  for (const a of arrays) {
    parts.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength))
    const padded = pad8(a.byteLength)
    parts.push(Buffer.alloc(padded - a.byteLength))
    size += padded
  }
  return Buffer.concat(parts, size)
}

/** The index in `bytes`, or undefined when it was written for other analysis or settings. */
export function decodeSnapshot(bytes: Buffer, definition: IndexDefinition): EmbeddedIndex | undefined {
  if (bytes.length < 12 || bytes.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined
  const jsonLength = bytes.readUInt32LE(MAGIC.length)
  const header = JSON.parse(bytes.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + jsonLength)) as Header
  if (header.analysisVersion !== ANALYSIS_VERSION) return undefined
  if (JSON.stringify(header.definition) !== JSON.stringify(definition)) return undefined
  let at = pad8(MAGIC.length + 4 + jsonLength)
  const arrays = header.sections.map(({ kind, length }) => {
    const Ctor = CTORS[kind]
    const byteLength = length * Ctor.BYTES_PER_ELEMENT
    // A copy, so each array is aligned and owns its memory (the file buffer can then be freed).
    const copy = new Ctor(length)
    new Uint8Array(copy.buffer).set(bytes.subarray(at, at + byteLength))
    at += pad8(byteLength)
    return copy
  })
  const [fwd, fwdTf, docStart, fieldLen, ...columnRefs] = arrays
  return new EmbeddedIndex(definition, {
    columns: header.columns,
    columnRefs: columnRefs as Uint32Array[],
    forward: {
      terms: header.terms,
      fieldCount: header.fieldCount,
      count: header.count,
      fwd: fwd as Uint32Array,
      fwdTf: fwdTf as Uint8Array,
      docStart: docStart as Uint32Array,
      fieldLen: fieldLen as Uint16Array,
    },
  })
}

export async function saveSnapshot(dir: string, indexes: EmbeddedIndex[]): Promise<void> {
  await mkdir(dir, { recursive: true })
  for (const index of indexes) {
    const target = fileFor(dir, index.definition.name)
    // Write then rename, so a crash mid-write never leaves a half snapshot to be loaded next start.
    await writeFile(`${target}.tmp`, encodeSnapshot(index))
    await rename(`${target}.tmp`, target)
  }
}

export async function loadSnapshot(dir: string, definitions: IndexDefinition[]): Promise<EmbeddedIndex[]> {
  const loaded: EmbeddedIndex[] = []
  for (const definition of definitions) {
    let bytes: Buffer
    try {
      bytes = await readFile(fileFor(dir, definition.name))
    } catch {
      continue
    }
    const index = decodeSnapshot(bytes, definition)
    if (index) loaded.push(index)
  }
  return loaded
}
