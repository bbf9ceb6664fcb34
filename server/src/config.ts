import { createHash } from 'node:crypto'
import { type Static, Type } from 'typebox'
import { Value } from 'typebox/value'

// Every variable the server reads, described once. Validated at boot; a bad value stops the
// process with a message naming each offending variable.
const Env = Type.Object({
  NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('production'), Type.Literal('test')], {
    default: 'development',
    description: 'development shows reset links in the log; production requires SMTP for e-mail.',
  }),
  HOST: Type.String({ default: '0.0.0.0', description: 'Interface to listen on.' }),
  PORT: Type.Integer({
    minimum: 0,
    maximum: 65535,
    default: 3000,
    description: 'One port for UI, /api and /ws.',
  }),
  PUBLIC_URL: Type.Optional(
    Type.String({ pattern: '^https?://', description: 'Base URL used in e-mailed links.' }),
  ),
  DATABASE_URL: Type.Optional(
    Type.String({
      pattern: '^postgres(ql)?://',
      description: 'PostgreSQL URL; without it PGlite in DATA_DIR.',
    }),
  ),
  DATA_DIR: Type.String({ default: './data', description: 'Folder for PGlite and search snapshots.' }),
  DB_POOL_MAX: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  MEILI_URL: Type.Optional(
    Type.String({ pattern: '^https?://', description: 'Meilisearch URL; embedded search without it.' }),
  ),
  MEILI_KEY: Type.Optional(Type.String()),
  DEMO: Type.Boolean({
    default: true,
    description: 'Seed demo data and show demo sign-ins; demo accounts may skip 2FA.',
  }),
  STAFF_2FA: Type.Boolean({
    default: true,
    description: 'Staff roles must enrol in TOTP two-factor sign-in.',
  }),
  SESSION_DAYS: Type.Integer({ minimum: 1, maximum: 90, default: 14 }),
  SESSION_IDLE_HOURS: Type.Integer({ minimum: 1, maximum: 720, default: 12 }),
  COOKIE_SECURE: Type.Optional(
    Type.Boolean({ description: 'Secure cookies; defaults to true in production.' }),
  ),
  SIGN_IN_MAX_FAILURES: Type.Integer({ minimum: 1, maximum: 100, default: 5 }),
  SIGN_IN_LOCK_MINUTES: Type.Integer({ minimum: 1, maximum: 1440, default: 15 }),
  AUTH_RATE_LIMIT: Type.Integer({
    minimum: 1,
    maximum: 10000,
    default: 20,
    description: 'Sign-in/up requests per IP per minute.',
  }),
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, maximum: 50 * 1024 * 1024, default: 1024 * 1024 }),
  SMTP_URL: Type.Optional(
    Type.String({ pattern: '^smtps?://', description: 'smtp(s)://user:pass@host:port' }),
  ),
  MAIL_FROM: Type.String({ default: '联动 Liandong <no-reply@liandong.local>' }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  TRUST_PROXY: Type.Boolean({ default: false, description: 'Trust X-Forwarded-* from a load balancer.' }),
  RESOURCE_STALE_DAYS: Type.Integer({
    minimum: 1,
    maximum: 3650,
    default: 180,
    description: 'A resource not verified for this many days is flagged stale and its owners reminded.',
  }),
  SIGNUP_OFFER_HOURS: Type.Integer({
    minimum: 1,
    maximum: 168,
    default: 12,
    description: 'A place freed on a full shift is offered to the next on the waitlist for this many hours.',
  }),
  CHECKIN_OPENS_MINUTES: Type.Integer({
    minimum: 0,
    maximum: 720,
    default: 30,
    description: 'Volunteers may check in from this many minutes before a shift starts.',
  }),
  CHECKIN_CLOSES_MINUTES: Type.Integer({
    minimum: 0,
    maximum: 1440,
    default: 120,
    description:
      'Check-in and check-out close this many minutes after a shift ends; open check-ins are then closed automatically and flagged.',
  }),
  REFERRAL_RESPONSE_HOURS: Type.Integer({
    minimum: 1,
    maximum: 720,
    default: 48,
    description:
      'A sent referral must be accepted or declined within this many hours, else it expires and the sending supervisors are told.',
  }),
  COMPLAINT_ANSWER_WORKING_DAYS: Type.Integer({
    minimum: 1,
    maximum: 60,
    default: 5,
    description:
      'A complaint must be answered within this many working days (weekends and public holidays skipped, 调休 workdays counted); later ones are escalated.',
  }),
  ARCHIVE_RETENTION_YEARS_CASE: Type.Integer({
    minimum: 1,
    maximum: 100,
    default: 10,
    description:
      'Default years a closed case file is kept before it may be destroyed (an agency may set its own per record type).',
  }),
  ARCHIVE_RETENTION_YEARS_COMPLAINT: Type.Integer({
    minimum: 1,
    maximum: 100,
    default: 5,
    description: 'Default years a closed complaint is kept before it may be destroyed.',
  }),
  ARCHIVE_RETENTION_YEARS_INCIDENT: Type.Integer({
    minimum: 1,
    maximum: 100,
    default: 10,
    description: 'Default years a closed emergency incident is kept before it may be destroyed.',
  }),
  RIGHTS_RESPONSE_DAYS: Type.Integer({
    minimum: 1,
    maximum: 90,
    default: 15,
    description:
      "A recipient's request to see, correct or delete their data must be answered within this many days (PIPL art. 50: promptly).",
  }),
  COMPLAINT_RATE_LIMIT: Type.Integer({
    minimum: 1,
    maximum: 100_000,
    default: 10,
    description: 'Public complaint submissions (and tracking look-ups ×10) per IP per hour.',
  }),
  QUALIFICATION_REMINDER_DAYS: Type.Integer({
    minimum: 1,
    maximum: 365,
    default: 60,
    description:
      "A worker and their agency's supervisors are reminded this many days before a qualification expires.",
  }),
  JOBS: Type.Boolean({ default: true, description: 'Run the job worker and outbox drain in this process.' }),
  DATA_KEY: Type.Optional(
    Type.String({
      pattern: '^[A-Za-z0-9+/]{43}=$',
      description:
        'Base64 of 32 random bytes: encrypts personal data at rest (AES-256-GCM) and keys its duplicate hashes. Required in production; development derives a fixed key.',
    }),
  ),
  DATA_KEY_PREVIOUS: Type.Optional(
    Type.String({
      pattern: '^[A-Za-z0-9+/]{43}=(,[A-Za-z0-9+/]{43}=)*$',
      description:
        'Comma-separated older DATA_KEYs, still accepted for decryption and duplicate checks while rotating.',
    }),
  ),
})
type EnvShape = Static<typeof Env>

export interface Config extends EnvShape {
  dbMode: 'pglite' | 'postgres'
  searchMode: 'embedded' | 'meilisearch'
  isSmtpConfigured: boolean
  isProduction: boolean
  cookieSecure: boolean
  publicUrl: string
  /** DATA_KEY decoded (or the development key); the previous keys after it. */
  dataKeys: { current: Buffer; previous: Buffer[] }
}

// Only outside production: a fixed, public key so development and tests run without setup.
const DEVELOPMENT_DATA_KEY = createHash('sha256').update('liandong development data key').digest()

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

const booleans = new Set(['true', '1', 'yes', 'on', 'false', '0', 'no', 'off'])

/** Reads process.env (or a given record) once; unknown variables are ignored, empty ones unset. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const raw: Record<string, unknown> = {}
  const problems: string[] = []
  for (const [key, schema] of Object.entries(Env.properties)) {
    const value = env[key]
    if (value === undefined || value === '') continue
    const kind = (schema as { type?: string }).type
    if (kind === 'integer') raw[key] = /^-?\d+$/.test(value) ? Number(value) : value
    else if (kind === 'boolean') {
      if (!booleans.has(value.toLowerCase())) problems.push(`${key}: expected true or false, got "${value}"`)
      raw[key] = ['true', '1', 'yes', 'on'].includes(value.toLowerCase())
    } else raw[key] = value
  }
  const withDefaults = Value.Default(Env, raw)
  for (const error of Value.Errors(Env, withDefaults)) {
    const key = error.instancePath.replace(/^\//, '') || '(root)'
    problems.push(`${key}: ${error.message}${key in raw ? ` (got "${String(raw[key])}")` : ''}`)
  }
  if (problems.length > 0) throw new ConfigError(problems)
  const c = withDefaults as EnvShape
  const isProduction = c.NODE_ENV === 'production'
  if (isProduction && c.DEMO && !env.DEMO) c.DEMO = false
  if (c.MEILI_URL && !c.MEILI_KEY && isProduction)
    problems.push('MEILI_KEY: required with MEILI_URL in production')
  if (!c.DATA_KEY && isProduction)
    problems.push('DATA_KEY: required in production (base64 of 32 random bytes)')
  if (problems.length > 0) throw new ConfigError(problems)
  return {
    ...c,
    dbMode: c.DATABASE_URL ? 'postgres' : 'pglite',
    searchMode: c.MEILI_URL ? 'meilisearch' : 'embedded',
    isSmtpConfigured: Boolean(c.SMTP_URL),
    isProduction,
    cookieSecure: c.COOKIE_SECURE ?? isProduction,
    publicUrl: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, ''),
    dataKeys: {
      current: c.DATA_KEY ? Buffer.from(c.DATA_KEY, 'base64') : DEVELOPMENT_DATA_KEY,
      previous: (c.DATA_KEY_PREVIOUS?.split(',') ?? []).map((k) => Buffer.from(k, 'base64')),
    },
  }
}
