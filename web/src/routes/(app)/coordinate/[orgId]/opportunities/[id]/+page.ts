import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'

export async function load({ params, fetch, depends }) {
  depends('app:co-opportunity')
  const [opportunity, courses] = await Promise.all([
    unwrap(api.GET('/api/opportunities/{id}', { fetch, params: { path: { id: params.id } } })),
    unwrap(
      api.GET('/api/training/courses', { fetch, params: { query: { orgId: params.orgId, limit: 100 } } }),
    ),
  ])
  return { opportunity, courses: courses.items.map((c) => ({ id: c.id, title: c.title })) }
}
