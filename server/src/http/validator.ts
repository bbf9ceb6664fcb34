import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import type { FastifySchemaCompiler } from 'fastify'

// Two validators: query strings and path parameters arrive as text, so they are coerced
// ("20" → 20); JSON bodies are typed already, so a number where a string belongs is refused
// rather than quietly turned into "12".
const base = { allErrors: true, useDefaults: true, removeAdditional: false, strict: false } as const
const coercing = addFormats(new Ajv({ ...base, coerceTypes: 'array' }))
const strict = addFormats(new Ajv({ ...base, coerceTypes: false }))

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? strict : coercing).compile(schema)
