import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'

export async function load({ params, fetch }) {
  const courses = await unwrap(
    api.GET('/api/training/courses', { fetch, params: { query: { orgId: params.orgId, limit: 100 } } }),
  )
  return { courses: courses.items.map((c) => ({ id: c.id, title: c.title })) }
}
