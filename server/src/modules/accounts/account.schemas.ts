import { locales } from '@liandong/db'
import { Type } from 'typebox'
import { Nullable, StringEnum, Uuid } from '../../http/schemas.ts'

export const Email = Type.String({ format: 'email', maxLength: 254 })
export const Password = Type.String({ minLength: 10, maxLength: 200 })
export const DisplayName = Type.String({ minLength: 1, maxLength: 60 })
export const LocaleSchema = StringEnum(locales)

export const MembershipSchema = Type.Object({
  orgId: Uuid,
  orgName: Type.String(),
  orgKind: Type.String(),
  orgStatus: Type.String(),
  role: Type.String(),
})

export const Me = Type.Object(
  {
    id: Uuid,
    email: Type.String(),
    displayName: Type.String(),
    locale: LocaleSchema,
    isVolunteer: Type.Boolean(),
    platformRole: Nullable(Type.String()),
    roles: Type.Array(Type.String()),
    memberships: Type.Array(MembershipSchema),
    twoFactorEnabled: Type.Boolean(),
    mustEnrolTwoFactor: Type.Boolean(),
    isDemo: Type.Boolean(),
  },
  { $id: 'Me' },
)
