import type { paths } from '$lib/api/schema'
import { queryString, readPage } from '$lib/search.svelte.ts'

type DirectoryQuery = NonNullable<
  paths['/api/organizations/{id}/volunteer-directory']['get']['parameters']['query']
>

export const PER_PAGE = 25

/** The directory's filters, as its address holds them. */
export interface DirectoryFilters {
  q: string
  skills: string[]
  districtCode: string
  minStars: string
  courseId: string
  activeSince: string
  page: number
}

export function parseDirectory(params: URLSearchParams): DirectoryFilters {
  return {
    q: params.get('q') ?? '',
    skills: [...new Set(params.getAll('skills').filter(Boolean))],
    districtCode: params.get('districtCode') ?? '',
    minStars: params.get('minStars') ?? '',
    courseId: params.get('courseId') ?? '',
    activeSince: params.get('activeSince') ?? '',
    page: readPage(params),
  }
}

export const directoryHref = (f: DirectoryFilters) =>
  queryString(
    f.q,
    { skills: f.skills },
    { districtCode: f.districtCode, minStars: f.minStars, courseId: f.courseId, activeSince: f.activeSince },
    f.page,
  )

export function toDirectoryQuery(f: DirectoryFilters): DirectoryQuery {
  const query: DirectoryQuery = { limit: PER_PAGE, offset: (f.page - 1) * PER_PAGE }
  if (f.q.trim()) query.q = f.q.trim()
  if (f.skills.length) query.skills = f.skills as NonNullable<DirectoryQuery['skills']>
  if (/^\d{6}$/.test(f.districtCode)) query.districtCode = f.districtCode
  if (/^\d+$/.test(f.minStars)) query.minStars = Number(f.minStars)
  if (f.courseId) query.courseId = f.courseId
  if (/^\d{4}-\d{2}-\d{2}$/.test(f.activeSince)) query.activeSince = f.activeSince
  return query
}
