import { redirect } from '@sveltejs/kit'
import { session } from '$lib/state/session.svelte.ts'

// Every page in (app) needs a session. Asking /api/me on each navigation keeps roles fresh and
// notices a session that ran out before the page does anything; then: sign in, and come back.
export async function load({ url }) {
  // Reading the URL up front makes Kit run this load again on every navigation.
  const next = encodeURIComponent(url.pathname + url.search)
  const me = await session.load(true)
  if (!me) {
    redirect(307, `/sign-in?${session.expired ? 'expired=1&' : ''}next=${next}`)
  }
  return { me }
}
