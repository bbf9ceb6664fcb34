import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'

export async function load({ params, fetch, depends }) {
  depends('app:co-courses')
  const courses = await unwrap(
    api.GET('/api/training/courses', { fetch, params: { query: { orgId: params.orgId, limit: 100 } } }),
  )
  return { courses: courses.items.filter((c) => c.orgId === params.orgId) }
}
