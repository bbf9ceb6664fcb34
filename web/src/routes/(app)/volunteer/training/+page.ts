import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'
import type { MyEnrolment } from '$lib/api/volunteer-types.ts'

export async function load({ parent, fetch }) {
  const { profile } = await parent()
  const [courses, enrolments] = await Promise.all([
    unwrap(api.GET('/api/training/courses', { fetch, params: { query: { limit: 100 } } })),
    profile
      ? unwrap(api.GET('/api/training/enrolments', { fetch })).then((r) => r.items)
      : Promise.resolve([] as MyEnrolment[]),
  ])
  return { courses: courses.items.filter((c) => c.published), enrolments }
}
