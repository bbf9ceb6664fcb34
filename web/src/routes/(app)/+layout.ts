import { redirect } from '@sveltejs/kit'
import { session } from '$lib/state/session.svelte.ts'

// Every page in (app) needs a session; without one, sign in and come back here.
export async function load({ url }) {
  const me = await session.load()
  if (!me) redirect(307, `/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`)
  return { me }
}
