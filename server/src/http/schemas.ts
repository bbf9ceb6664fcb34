import { type Static, type TSchema, Type } from 'typebox'

export const Uuid = Type.String({ format: 'uuid' })
/** A timestamp: a Date in handlers, an ISO 8601 string on the wire (fast-json-stringify formats it). */
export const IsoDate = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' })
/** A timestamp sent by the client. */
export const IsoDateInput = Type.String({ format: 'date-time' })
/** A string enum that keeps its literal type (Type.Union of mapped literals loses it). */
export const StringEnum = <const T extends readonly string[]>(
  values: T,
  options: Record<string, unknown> = {},
) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options })
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const ErrorEnvelope = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Optional(
        Type.Array(Type.Object({ field: Type.String(), code: Type.String(), message: Type.String() })),
      ),
    }),
    requestId: Type.String(),
  },
  { $id: 'ErrorEnvelope', description: 'Every error has this shape.' },
)

const errorStatuses = [400, 401, 403, 404, 409, 413, 415, 422, 429] as const
/** A reference to the shared envelope (registered with app.addSchema), so the document names it once. */
export const ErrorRef = Type.Unsafe<Static<typeof ErrorEnvelope>>(Type.Ref('ErrorEnvelope'))
/** The error responses every route may give, so the OpenAPI document lists them. */
export const errors = Object.fromEntries(errorStatuses.map((s) => [s, ErrorRef])) as Record<
  (typeof errorStatuses)[number],
  typeof ErrorRef
>

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
}

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    limit: Type.Integer(),
    offset: Type.Integer(),
  })

export const Ok = Type.Object({ ok: Type.Literal(true) })
