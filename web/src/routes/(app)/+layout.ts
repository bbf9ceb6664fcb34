import { redirect } from '@sveltejs/kit'
import { session } from '$lib/state/session.svelte.ts'

// Every page in (app) needs a session. Asking /api/me on each navigation keeps roles fresh and
// notices a session that ran out before the page does anything; then: sign in, and come back.
export async function load({ url, route, params, untrack }) {
  // Reading the route and its parameters makes Kit run this load again on every navigation to
  // another page. The address itself is read untracked: a page that keeps its filters in the query
  // string (the resource directory updates it as the user types) should not ask /api/me each time.
  void route.id
  void Object.values(params)
  const next = encodeURIComponent(untrack(() => url.pathname + url.search))
  const me = await session.load(true)
  if (!me) {
    redirect(307, `/sign-in?${session.expired ? 'expired=1&' : ''}next=${next}`)
  }
  return { me }
}
