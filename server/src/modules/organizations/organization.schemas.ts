import { orgKinds, orgRoles, orgStatuses } from '@liandong/db'
import { Type } from 'typebox'
import { IsoDate, Nullable, PageQuery, StringEnum, Uuid } from '../../http/schemas.ts'
import { Email } from '../accounts/account.schemas.ts'

export const OrgKindSchema = StringEnum(orgKinds)
export const OrgStatusSchema = StringEnum(orgStatuses)
export const OrgRoleSchema = StringEnum(orgRoles)
// 统一社会信用代码: 18 characters from digits and capital letters except I, O, Z, S, V.
export const CreditCode = Type.String({ pattern: '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$' })
export const DistrictCode = Type.String({ pattern: '^[0-9]{6}$', description: 'GB/T 2260 county-level code' })

export const Organization = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    kind: OrgKindSchema,
    status: OrgStatusSchema,
    creditCode: Nullable(Type.String()),
    districtCode: Nullable(Type.String()),
    address: Nullable(Type.String()),
    contactName: Nullable(Type.String()),
    contactPhone: Nullable(Type.String()),
    description: Nullable(Type.String()),
    alternateName: Nullable(Type.String()),
    email: Nullable(Type.String()),
    website: Nullable(Type.String()),
    legalStatus: Nullable(Type.String()),
    yearIncorporated: Nullable(Type.Integer()),
    licenceNumber: Nullable(Type.String()),
    licenceExpiresOn: Nullable(Type.String({ format: 'date' })),
    reviewedAt: Nullable(IsoDate),
    reviewNote: Nullable(Type.String()),
    createdAt: IsoDate,
  },
  { $id: 'Organization' },
)

// Optional details: the HSDS organization fields plus the licence an agency must hold (Chengdu §5.2).
const orgDetails = {
  creditCode: CreditCode,
  districtCode: DistrictCode,
  address: Type.String({ maxLength: 200 }),
  contactName: Type.String({ maxLength: 60 }),
  contactPhone: Type.String({ pattern: '^[0-9+\\- ]{5,20}$' }),
  description: Type.String({ maxLength: 2000 }),
  alternateName: Type.String({ maxLength: 100 }),
  email: Email,
  website: Type.String({ format: 'uri', pattern: '^https?://', maxLength: 300 }),
  legalStatus: Type.String({ maxLength: 60, description: 'e.g. 民办非企业单位, 社会团体, 事业单位' }),
  yearIncorporated: Type.Integer({ minimum: 1900, maximum: 2100 }),
  licenceNumber: Type.String({ maxLength: 60 }),
  licenceExpiresOn: Type.String({ format: 'date' }),
}

export const OrgRegistration = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 100 }),
    kind: OrgKindSchema,
    ...Type.Partial(Type.Object(orgDetails)).properties,
  },
  { additionalProperties: false },
)

/** A change by the organization's admin: absent leaves a field alone, null clears it. */
export const OrgPatch = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 2, maxLength: 100 })),
    ...Type.Partial(
      Type.Object({
        creditCode: Nullable(orgDetails.creditCode),
        districtCode: Nullable(orgDetails.districtCode),
        address: Nullable(orgDetails.address),
        contactName: Nullable(orgDetails.contactName),
        contactPhone: Nullable(orgDetails.contactPhone),
        description: Nullable(orgDetails.description),
        alternateName: Nullable(orgDetails.alternateName),
        email: Nullable(orgDetails.email),
        website: Nullable(orgDetails.website),
        legalStatus: Nullable(orgDetails.legalStatus),
        yearIncorporated: Nullable(orgDetails.yearIncorporated),
        licenceNumber: Nullable(orgDetails.licenceNumber),
        licenceExpiresOn: Nullable(orgDetails.licenceExpiresOn),
      }),
    ).properties,
  },
  { additionalProperties: false },
)

export const OrgListQuery = Type.Object(
  {
    status: Type.Optional(OrgStatusSchema),
    kind: Type.Optional(OrgKindSchema),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    ...PageQuery,
  },
  { additionalProperties: false },
)

export const Review = Type.Object(
  {
    decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
)

export const Member = Type.Object({
  userId: Uuid,
  displayName: Type.String(),
  email: Type.String(),
  role: OrgRoleSchema,
  joinedAt: IsoDate,
  twoFactorEnabled: Type.Boolean(),
})

export const InvitationInput = Type.Object(
  { email: Email, role: OrgRoleSchema },
  { additionalProperties: false },
)
export const Invitation = Type.Object({
  id: Uuid,
  email: Type.String(),
  role: OrgRoleSchema,
  expiresAt: IsoDate,
  createdAt: IsoDate,
})
export const InvitationPreview = Type.Object({
  orgName: Type.String(),
  role: OrgRoleSchema,
  email: Type.String(),
})

export const OrgParams = Type.Object({ id: Uuid })
export const MemberParams = Type.Object({ id: Uuid, userId: Uuid })
export const InvitationParams = Type.Object({ id: Uuid, invitationId: Uuid })
export const TokenParams = Type.Object({
  token: Type.String({ minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }),
})
