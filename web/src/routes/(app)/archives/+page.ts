import { error } from '@sveltejs/kit'
import { api } from '$lib/api/client.ts'
import { toApiError, unwrap } from '$lib/api/errors.ts'
import { borrowerOrgs, readsArchives } from '$lib/archives/access.ts'
import { archiveStatuses, recordTypes, views } from '$lib/archives/labels.ts'

export async function load({ parent, url, fetch, depends }) {
  depends('app:archives')
  const { me } = await parent()
  const type = recordTypes.find((s) => s === url.searchParams.get('type'))
  const status = archiveStatuses.find((s) => s === url.searchParams.get('status'))
  const view = views.find((s) => s === url.searchParams.get('view'))
  const q = (url.searchParams.get('q') ?? '').slice(0, 40)
  const offset = Math.max(0, Number(url.searchParams.get('offset')) || 0)
  const borrows = borrowerOrgs(me)
  try {
    const orgs = readsArchives(me) ? await unwrap(api.GET('/api/archives/organizations', { fetch })) : []
    const org = orgs.find((o) => o.id === url.searchParams.get('org')) ?? orgs[0] ?? null
    const register = org
      ? await unwrap(
          api.GET('/api/orgs/{id}/archives', {
            fetch,
            params: {
              path: { id: org.id },
              query: {
                ...(type ? { type } : {}),
                ...(status ? { status } : {}),
                ...(view === 'due' ? { due: true } : {}),
                ...(view === 'borrowed' ? { borrowed: true } : {}),
                ...(view === 'outgoing' || view === 'incoming' ? { transfer: view } : {}),
                ...(q ? { q } : {}),
                limit: 20,
                offset,
              },
            },
          }),
        )
      : null
    const mine = borrows.length > 0 ? await unwrap(api.GET('/api/archives/borrowings/mine', { fetch })) : []
    return { orgs, org, register, borrows, mine, type: type ?? '', status: status ?? '', view: view ?? '', q }
  } catch (e) {
    const failure = toApiError(e)
    error(failure.status || 500, { message: failure.message, code: failure.code })
  }
}
