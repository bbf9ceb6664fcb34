import { createHash, randomBytes } from 'node:crypto'

/** A random, URL-safe secret for cookies, reset links and invitations. */
export const newToken = (): string => randomBytes(32).toString('base64url')

/** Only hashes are stored, so a leaked table does not yield usable tokens. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex')
