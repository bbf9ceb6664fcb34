import { redirect } from '@sveltejs/kit'
import { safeNext } from '$lib/paths.ts'
import { session } from '$lib/state/session.svelte.ts'

export async function load({ url }) {
  const next = safeNext(url.searchParams.get('next'))
  if (await session.load()) redirect(307, next)
  return {
    next,
    email: url.searchParams.get('email') ?? '',
    path:
      url.searchParams.get('path') === 'organization' ? ('organization' as const) : ('volunteer' as const),
  }
}
