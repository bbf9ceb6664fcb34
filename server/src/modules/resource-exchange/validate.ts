import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import type { FastifySchemaValidationError } from 'fastify/types/schema.js'
import { toFieldProblems } from '../../http/validation.ts'
import { ResourceInputSchema } from '../resources/resource.schemas.ts'
import { coherenceProblems } from '../resources/resource.service.ts'
import type { Candidate, ImportProblem } from './exchange.types.ts'

// Every row passes the same rules as POST /api/organizations/:id/resources: the route's JSON schema
// (with an Ajv configured like the body validator) and the cross-field checks of the service.
const ajv = addFormats(new Ajv({ allErrors: true, strict: false, coerceTypes: false }))
const check = ajv.compile(ResourceInputSchema)
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** All problems of a candidate: those found while reading it, then schema and coherence. */
export function validateCandidate(candidate: Candidate): ImportProblem[] {
  const problems = [...candidate.problems]
  const add = (p: { field: string; code: ImportProblem['code']; params?: ImportProblem['params'] }) =>
    problems.push({
      row: candidate.row,
      field: p.field,
      column: candidate.columnOf(p.field),
      code: p.code,
      ...(p.params ? { params: p.params } : {}),
    })
  if (candidate.id !== undefined && !UUID.test(candidate.id))
    add({ field: 'id', code: 'field.invalid_format', params: { format: 'uuid' } })
  if (!check(candidate.input)) {
    for (const p of toFieldProblems(check.errors as FastifySchemaValidationError[], '')) {
      // A field that failed while being read has its problem already.
      if (!candidate.problems.some((q) => q.field === p.field)) add(p)
    }
  }
  for (const p of coherenceProblems(candidate.input, '')) add(p)
  return problems
}
