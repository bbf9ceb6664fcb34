import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'

export async function load({ params, fetch, depends }) {
  depends('app:co-course')
  const path = { id: params.courseId }
  const [course, enrolments] = await Promise.all([
    unwrap(api.GET('/api/training/courses/{id}', { fetch, params: { path } })),
    unwrap(
      api.GET('/api/training/courses/{id}/enrolments', { fetch, params: { path, query: { limit: 100 } } }),
    ),
  ])
  return { course, enrolments: enrolments.items, total: enrolments.total }
}
