import { schema } from '@liandong/db'

// The needs taxonomies as the schema defines them (they live in the schema namespace of @liandong/db).
export const { needStatuses, needUrgencies, ageBands } = schema
export type NeedStatus = schema.NeedStatus
export type NeedUrgency = schema.NeedUrgency
export type AgeBand = schema.AgeBand
