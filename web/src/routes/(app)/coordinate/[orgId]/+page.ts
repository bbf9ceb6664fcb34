import { redirect } from '@sveltejs/kit'
import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'

export async function load({ parent, params, url, fetch, depends }) {
  depends('app:co-opportunities')
  const { org } = await parent()
  // Supervisors follow the records and certificates, not the running of opportunities.
  if (!org.areas.has('run')) redirect(307, `/coordinate/${params.orgId}/volunteers`)
  const status = url.searchParams.get('status') ?? ''
  const query: { limit: number; status?: 'draft' | 'published' | 'closed' } = { limit: 100 }
  if (status === 'draft' || status === 'published' || status === 'closed') query.status = status
  const page = await unwrap(
    api.GET('/api/organizations/{id}/opportunities', {
      fetch,
      params: { path: { id: params.orgId }, query },
    }),
  )
  return { opportunities: page.items, total: page.total, status }
}
