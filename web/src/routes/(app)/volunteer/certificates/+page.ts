import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'

export async function load({ parent, fetch, depends }) {
  depends('app:certificates')
  const { profile } = await parent()
  if (!profile) return { options: [], certificates: [] }
  const [options, certificates] = await Promise.all([
    unwrap(api.GET('/api/me/certificate-options', { fetch })),
    unwrap(api.GET('/api/me/certificates', { fetch, params: { query: { limit: 100 } } })),
  ])
  return { options: options.items, certificates: certificates.items }
}
