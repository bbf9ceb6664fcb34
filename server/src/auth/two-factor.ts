import { generateSecret, generateURI, verify } from 'otplib'
import QRCode from 'qrcode'

const ISSUER = '联动 Liandong'

export function newTwoFactorSecret(label: string) {
  const secret = generateSecret()
  const uri = generateURI({ issuer: ISSUER, label, secret })
  return { secret, uri }
}

export const qrSvg = (uri: string): Promise<string> => QRCode.toString(uri, { type: 'svg', margin: 1 })

/** Accepts the current 30-second code and its neighbours, for clocks a little apart. */
export async function checkTwoFactorCode(secret: string, code: string): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false
  const result = await verify({ secret, token: code, epochTolerance: 30 })
  return result.valid
}
