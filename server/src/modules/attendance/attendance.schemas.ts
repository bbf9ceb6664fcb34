import { Type } from 'typebox'
import { IsoDate, IsoDateInput, Nullable, StringEnum, Uuid } from '../../http/schemas.ts'

export const ShiftParams = Type.Object({ id: Uuid })
export const AttendanceParams = Type.Object({ id: Uuid })

export const Attendance = Type.Object(
  {
    id: Uuid,
    signupId: Uuid,
    shiftId: Uuid,
    userId: Uuid,
    checkInAt: IsoDate,
    checkOutAt: Nullable(IsoDate),
    method: StringEnum(['qr', 'roll_call'] as const),
    autoClosed: Type.Boolean({ description: 'Closed by the sweep because nobody checked out (flagged).' }),
    overrideMinutes: Nullable(Type.Integer()),
    overrideReason: Nullable(Type.String()),
    overrideBy: Nullable(Uuid),
    minutes: Type.Integer({ description: 'Counted minutes: actual time within the shift, or the override.' }),
  },
  { $id: 'Attendance' },
)

export const CheckinCode = Type.Object({
  code: Type.String(),
  url: Type.String({ description: 'What the QR code holds: the check-in page with the code.' }),
  svg: Type.String({ description: 'The QR code as an SVG document.' }),
  expiresAt: IsoDate,
  refreshSeconds: Type.Integer(),
})

export const CheckInput = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
)

export const CheckResult = Type.Object({
  state: StringEnum(['checked_in', 'checked_out'] as const),
  changed: Type.Boolean({ description: 'False when this repeated an earlier scan.' }),
  attendance: Attendance,
})

export const RollCallInput = Type.Object(
  {
    signupId: Uuid,
    action: StringEnum(['check_in', 'check_out'] as const),
    at: Type.Optional(IsoDateInput),
  },
  { additionalProperties: false },
)

export const OverrideInput = Type.Object(
  {
    minutes: Type.Integer({ minimum: 0, maximum: 1440 }),
    reason: Type.String({ minLength: 2, maxLength: 500 }),
  },
  { additionalProperties: false },
)
