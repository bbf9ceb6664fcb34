import { Type } from 'typebox'
import { IsoDate, Nullable, PageQuery, StringEnum, Uuid } from '../../http/schemas.ts'

export const certificateStatuses = ['requested', 'issued', 'rejected', 'revoked'] as const

export const CertificateParams = Type.Object({ id: Uuid })
export const OrgParams = Type.Object({ id: Uuid })

const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD (Asia/Shanghai)' })

export const Certificate = Type.Object(
  {
    id: Uuid,
    userId: Uuid,
    orgId: Uuid,
    orgName: Type.String(),
    periodFrom: Type.String({ format: 'date' }),
    periodTo: Type.String({ format: 'date' }),
    status: StringEnum(certificateStatuses),
    requestNote: Nullable(Type.String()),
    number: Nullable(Type.String()),
    verifyUrl: Nullable(
      Type.String({ description: 'The public verification page (issued and revoked certificates).' }),
    ),
    minutes: Nullable(Type.Integer()),
    hours: Nullable(Type.Number()),
    recordCount: Nullable(Type.Integer()),
    content: Nullable(Type.String()),
    volunteerName: Nullable(Type.String()),
    volunteerNumber: Nullable(Type.String()),
    idType: Nullable(Type.String()),
    idNumberMasked: Nullable(Type.String()),
    issuerName: Nullable(Type.String()),
    personInCharge: Nullable(Type.String()),
    handlerName: Nullable(Type.String()),
    issuerContact: Nullable(Type.String()),
    issuedAt: Nullable(IsoDate),
    rejectedReason: Nullable(Type.String()),
    revokedAt: Nullable(IsoDate),
    revokedReason: Nullable(Type.String()),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  },
  { $id: 'Certificate' },
)

export const CertificatePage = Type.Object({
  items: Type.Array(Certificate),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
})

export const CertificateListQuery = Type.Object(
  { status: Type.Optional(StringEnum(certificateStatuses)), ...PageQuery },
  { additionalProperties: false },
)

export const CertificateRequestInput = Type.Object(
  {
    orgId: Uuid,
    periodFrom: Day,
    periodTo: Day,
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
)

/** Organizations that approved some of the caller's service: who may be asked for a certificate. */
export const CertificateOption = Type.Object({
  orgId: Uuid,
  orgName: Type.String(),
  firstDate: Type.String({ format: 'date' }),
  lastDate: Type.String({ format: 'date' }),
  minutes: Type.Integer(),
  hours: Type.Number(),
  records: Type.Integer(),
})

/** What an issued certificate would say, computed from the approved records now. */
export const CertificatePreview = Type.Object({
  minutes: Type.Integer(),
  hours: Type.Number(),
  records: Type.Integer(),
  activities: Type.Array(
    Type.Object({ activityName: Type.String(), minutes: Type.Integer(), records: Type.Integer() }),
  ),
  content: Type.String({
    description: 'The content line the certificate gets unless the issuer writes one.',
  }),
  defaults: Type.Object({
    issuerName: Type.String(),
    personInCharge: Nullable(Type.String()),
    handlerName: Nullable(Type.String()),
    issuerContact: Nullable(Type.String()),
  }),
})

export const CertificateForReview = Type.Object({
  certificate: Certificate,
  preview: Nullable(CertificatePreview),
})

export const IssueInput = Type.Object(
  {
    personInCharge: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    handlerName: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    issuerContact: Type.Optional(Type.String({ minLength: 3, maxLength: 100 })),
    content: Type.Optional(Type.String({ minLength: 2, maxLength: 1000 })),
  },
  { additionalProperties: false },
)

export const ReasonInput = Type.Object(
  { reason: Type.String({ minLength: 2, maxLength: 500 }) },
  { additionalProperties: false },
)

export const VerifyParams = Type.Object({ number: Type.String({ minLength: 5, maxLength: 40 }) })
export const VerifyQuery = Type.Object({ c: Type.String({ minLength: 1, maxLength: 64 }) })

/** Everything the public may learn about a certificate, and nothing else. */
export const PublicCertificate = Type.Object(
  {
    number: Type.String(),
    volunteerName: Type.String({ description: 'Masked: 张*, 李*华.' }),
    hours: Type.Number(),
    periodFrom: Type.String({ format: 'date' }),
    periodTo: Type.String({ format: 'date' }),
    issuerName: Type.String(),
    status: StringEnum(['valid', 'revoked'] as const),
  },
  { $id: 'PublicCertificate', additionalProperties: false },
)

export const PdfResponse = {
  description: 'The certificate as a PDF',
  content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
}
