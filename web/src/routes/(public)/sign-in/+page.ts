import { redirect } from '@sveltejs/kit'
import { api } from '$lib/api/client.ts'
import { safeNext } from '$lib/paths.ts'
import { session } from '$lib/state/session.svelte.ts'

export async function load({ url }) {
  const next = safeNext(url.searchParams.get('next'))
  if (await session.load()) redirect(307, next)
  // Demo sign-ins are listed only when the server runs in demo mode; without them the page still works.
  const demo = await api
    .GET('/api/auth/demo-accounts')
    .then((r) => r.data)
    .catch(() => undefined)
  return {
    next,
    expired: url.searchParams.get('expired') === '1',
    reset: url.searchParams.get('reset') === '1',
    demoAccounts: demo?.demo ? demo.accounts : [],
  }
}
