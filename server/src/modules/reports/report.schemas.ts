import { volunteerSkills } from '@liandong/db'
import { Type } from 'typebox'
import { Nullable, PageQuery, StringEnum, Uuid } from '../../http/schemas.ts'

export const OrgParams = Type.Object({ id: Uuid })
const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD (Asia/Shanghai)' })

export const DirectoryQuery = Type.Object(
  {
    skills: Type.Optional(
      Type.Array(StringEnum(volunteerSkills), { maxItems: 10, description: 'Every one of these skills.' }),
    ),
    districtCode: Type.Optional(
      Type.String({
        pattern: '^\\d{6}$',
        description: 'A county, or a prefecture (xxxx00) for all its counties.',
      }),
    ),
    minStars: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
    courseId: Type.Optional(Uuid),
    activeSince: Type.Optional(Day),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    ...PageQuery,
  },
  { additionalProperties: false },
)

export const DirectoryEntry = Type.Object(
  {
    userId: Uuid,
    realName: Type.String(),
    volunteerNumber: Type.String(),
    skills: Type.Array(Type.String()),
    districtCodes: Type.Array(Type.String()),
    starLevel: Type.Integer({ description: 'From all approved hours, by the region’s thresholds.' }),
    approvedHours: Type.Number({ description: 'All approved hours on the platform (平台记录).' }),
    orgHours: Type.Number({ description: 'Approved hours served with this organization.' }),
    lastServiceDate: Nullable(Type.String({ format: 'date' })),
    rating: Type.Object({ average: Nullable(Type.Number()), count: Type.Integer() }),
  },
  { $id: 'VolunteerDirectoryEntry' },
)

export const DirectoryPage = Type.Object({
  items: Type.Array(DirectoryEntry),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
})

export const HoursQuery = Type.Object(
  {
    from: Day,
    to: Day,
    userId: Type.Optional(Uuid),
    opportunityId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
)

export const HoursExportQuery = Type.Object(
  {
    from: Day,
    to: Day,
    userId: Type.Optional(Uuid),
    opportunityId: Type.Optional(Uuid),
    format: StringEnum(['xlsx', 'csv'] as const),
    view: Type.Optional(
      StringEnum(['person', 'opportunity', 'records'] as const, {
        default: 'person',
        description: 'Which table a CSV holds; an XLSX has all three as sheets.',
      }),
    ),
  },
  { additionalProperties: false },
)

const Totals = { minutes: Type.Integer(), hours: Type.Number(), records: Type.Integer() }

export const HoursReport = Type.Object(
  {
    from: Type.String({ format: 'date' }),
    to: Type.String({ format: 'date' }),
    total: Type.Object({ ...Totals, volunteers: Type.Integer() }),
    byPerson: Type.Array(
      Type.Object({
        userId: Uuid,
        name: Type.String(),
        volunteerNumber: Nullable(Type.String()),
        ...Totals,
      }),
    ),
    byOpportunity: Type.Array(
      Type.Object({
        opportunityId: Nullable(Uuid),
        title: Type.String({ description: 'The opportunity, or the activity of self-reported hours.' }),
        ...Totals,
        volunteers: Type.Integer(),
      }),
    ),
  },
  { $id: 'HoursReport' },
)

export const FileResponse = {
  description: 'The report as a file (XLSX, or CSV in UTF-8 with a byte-order mark so Excel reads Chinese)',
  content: {
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
      schema: { type: 'string', format: 'binary' },
    },
    'text/csv': { schema: { type: 'string' } },
  },
}
