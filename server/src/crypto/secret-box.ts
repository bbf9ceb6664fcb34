import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto'

// Personal data at rest: AES-256-GCM with a random 96-bit IV per value. A ciphertext names the
// key that sealed it (`v1.<keyId>.<iv>.<data>.<tag>`, base64url parts), so DATA_KEY can rotate:
// new values use the current key, older ones still open with a previous key until re-sealed.
// Duplicate checks use a keyed HMAC (a plain hash of an 18-digit ID number is brute-forceable).

const VERSION = 'v1'

export interface SecretBox {
  seal(plaintext: string): string
  open(sealed: string): string
  /** The key id a value was sealed with (for a re-encryption sweep). */
  keyIdOf(sealed: string): string
  readonly currentKeyId: string
  /** HMAC-SHA256 under the current key's hashing subkey: what is stored. */
  hash(normalised: string): string
  /** The same under every configured key: what a duplicate lookup compares against. */
  hashes(normalised: string): string[]
}

/** A short public id of a key: the first 8 hex digits of its SHA-256. */
export const keyIdOf = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8)

// Separate subkeys, so the encryption key is never also used as an HMAC key.
const subkey = (key: Buffer, purpose: string) => createHmac('sha256', key).update(purpose).digest()

export function createSecretBox(keys: { current: Buffer; previous?: Buffer[] }): SecretBox {
  const all = [keys.current, ...(keys.previous ?? [])]
  for (const key of all) if (key.length !== 32) throw new Error('a data key must be 32 bytes')
  const byId = new Map(all.map((key) => [keyIdOf(key), subkey(key, 'liandong/encrypt')]))
  const hashKeys = all.map((key) => subkey(key, 'liandong/hash'))
  const currentKeyId = keyIdOf(keys.current)
  const hmac = (key: Buffer, value: string) => createHmac('sha256', key).update(value).digest('base64url')

  function parts(sealed: string) {
    const p = sealed.split('.')
    if (p.length !== 5 || p[0] !== VERSION) throw new Error('not a sealed value')
    return p as [string, string, string, string, string]
  }

  return {
    currentKeyId,
    seal(plaintext) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', byId.get(currentKeyId)!, iv)
      cipher.setAAD(Buffer.from(`${VERSION}.${currentKeyId}`))
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
      return [VERSION, currentKeyId, iv, data, cipher.getAuthTag()]
        .map((x) => (typeof x === 'string' ? x : x.toString('base64url')))
        .join('.')
    },
    open(sealed) {
      const [version, keyId, iv, data, tag] = parts(sealed)
      const key = byId.get(keyId)
      if (!key) throw new Error(`no data key with id ${keyId} is configured`)
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
      decipher.setAAD(Buffer.from(`${version}.${keyId}`))
      decipher.setAuthTag(Buffer.from(tag, 'base64url'))
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
        'utf8',
      )
    },
    keyIdOf: (sealed) => parts(sealed)[1],
    hash: (value) => hmac(hashKeys[0]!, value),
    hashes: (value) => hashKeys.map((k) => hmac(k, value)),
  }
}
