import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'
import type { MyEnrolment, MySignup } from '$lib/api/volunteer-types.ts'

export async function load({ params, parent, fetch, depends }) {
  depends('app:opportunity')
  const { profile } = await parent()
  const opportunity = await unwrap(
    api.GET('/api/opportunities/{id}', { fetch, params: { path: { id: params.id } } }),
  )
  const courses = await Promise.all(
    opportunity.requiredCourseIds.map((id) =>
      unwrap(api.GET('/api/training/courses/{id}', { fetch, params: { path: { id } } })).then(
        (c) => ({ id, title: c.title }),
        () => ({ id, title: '' }),
      ),
    ),
  )
  let signups: MySignup[] = []
  let enrolments: MyEnrolment[] = []
  if (profile) {
    const [s, e] = await Promise.all([
      unwrap(api.GET('/api/me/signups', { fetch, params: { query: { limit: 100 } } })),
      unwrap(api.GET('/api/training/enrolments', { fetch })),
    ])
    signups = s.items.filter((x) => x.opportunityId === params.id)
    enrolments = e.items
  }
  return { opportunity, courses, signups, enrolments }
}
