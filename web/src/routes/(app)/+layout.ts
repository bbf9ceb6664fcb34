import { redirect } from '@sveltejs/kit'
import { session } from '$lib/state/session.svelte.ts'

// Every page in (app) needs a session. Asking /api/me on each navigation keeps roles fresh and
// notices a session that ran out before the page does anything; then: sign in, and come back.
export async function load({ url, untrack }) {
  // Reading the path up front makes Kit run this load again on every navigation to another page.
  // The query string is read untracked: a page that keeps its filters in it (the resource
  // directory updates it as the user types) should not ask /api/me on every keystroke.
  const next = encodeURIComponent(url.pathname + untrack(() => url.search))
  const me = await session.load(true)
  if (!me) {
    redirect(307, `/sign-in?${session.expired ? 'expired=1&' : ''}next=${next}`)
  }
  return { me }
}
