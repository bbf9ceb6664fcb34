import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'

// A training-expiry reminder links here.
export async function load({ params, parent, fetch, depends }) {
  depends('app:course')
  const { profile } = await parent()
  const [course, enrolments] = await Promise.all([
    unwrap(api.GET('/api/training/courses/{id}', { fetch, params: { path: { id: params.id } } })),
    profile
      ? unwrap(api.GET('/api/training/enrolments', { fetch })).then((r) => r.items)
      : Promise.resolve([]),
  ])
  return { course, enrolment: enrolments.find((e) => e.courseId === params.id) ?? null }
}
