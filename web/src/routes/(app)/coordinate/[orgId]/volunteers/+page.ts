import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'
import { PER_PAGE, parseDirectory, toDirectoryQuery } from './directory.ts'

export async function load({ params, url, fetch }) {
  const filters = parseDirectory(url.searchParams)
  const [page, courses] = await Promise.all([
    unwrap(
      api.GET('/api/organizations/{id}/volunteer-directory', {
        fetch,
        params: { path: { id: params.orgId }, query: toDirectoryQuery(filters) },
      }),
    ),
    unwrap(
      api.GET('/api/training/courses', { fetch, params: { query: { orgId: params.orgId, limit: 100 } } }),
    ),
  ])
  return { filters, page, perPage: PER_PAGE, courses: courses.items.filter((c) => c.orgId === params.orgId) }
}
