import type { FastifySchemaValidationError } from 'fastify/types/schema.js'
import type { FieldProblem } from '../errors.ts'

// Ajv speaks English; map each keyword to a catalogue key so the client gets translated,
// field-level details.
export function toFieldProblems(errors: FastifySchemaValidationError[], context: string): FieldProblem[] {
  return errors.map((e): FieldProblem => {
    const params = e.params as Record<string, unknown>
    const base = e.instancePath.replace(/^\//, '').replaceAll('/', '.')
    const field = (name: string) => [context, base, name].filter(Boolean).join('.')
    switch (e.keyword) {
      case 'required':
        return { field: field(String(params.missingProperty)), code: 'field.required' }
      case 'additionalProperties':
        return { field: field(String(params.additionalProperty)), code: 'field.unknown' }
      case 'minLength':
        return { field: field(''), code: 'field.too_short', params: { limit: Number(params.limit) } }
      case 'maxLength':
        return { field: field(''), code: 'field.too_long', params: { limit: Number(params.limit) } }
      case 'minimum':
      case 'exclusiveMinimum':
        return { field: field(''), code: 'field.too_small', params: { limit: Number(params.limit) } }
      case 'maximum':
      case 'exclusiveMaximum':
        return { field: field(''), code: 'field.too_large', params: { limit: Number(params.limit) } }
      case 'minItems':
        return { field: field(''), code: 'field.too_few_items', params: { limit: Number(params.limit) } }
      case 'maxItems':
        return { field: field(''), code: 'field.too_many_items', params: { limit: Number(params.limit) } }
      case 'format':
        return { field: field(''), code: 'field.invalid_format', params: { format: String(params.format) } }
      case 'pattern':
        return { field: field(''), code: 'field.invalid_format', params: { format: 'pattern' } }
      case 'type':
        return { field: field(''), code: 'field.invalid_type', params: { type: String(params.type) } }
      default:
        return { field: field(''), code: 'field.invalid_value' }
    }
  })
}

/**
 * Ajv coerces "Infinity" and JSON's 1e309 to Infinity, which passes minimum/maximum. Walk the
 * validated input once and refuse any non-finite number.
 */
export function findNonFinite(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path.join('.')
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findNonFinite(value[i], [...path, String(i)])
      if (hit !== null) return hit
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const hit = findNonFinite(v, [...path, k])
      if (hit !== null) return hit
    }
  }
  return null
}
