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
    reviewedAt: Nullable(IsoDate),
    reviewNote: Nullable(Type.String()),
    createdAt: IsoDate,
  },
  { $id: 'Organization' },
)

export const OrgRegistration = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 100 }),
    kind: OrgKindSchema,
    creditCode: Type.Optional(CreditCode),
    districtCode: Type.Optional(DistrictCode),
    address: Type.Optional(Type.String({ maxLength: 200 })),
    contactName: Type.Optional(Type.String({ maxLength: 60 })),
    contactPhone: Type.Optional(Type.String({ pattern: '^[0-9+\\- ]{5,20}$' })),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
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
