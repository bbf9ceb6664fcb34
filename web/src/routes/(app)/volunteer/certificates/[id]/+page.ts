import QRCode from 'qrcode'
import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'

export async function load({ params, fetch }) {
  const certificate = await unwrap(
    api.GET('/api/me/certificates/{id}', { fetch, params: { path: { id: params.id } } }),
  )
  const qr = certificate.verifyUrl
    ? await QRCode.toString(certificate.verifyUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 })
    : null
  return { certificate, qr }
}
