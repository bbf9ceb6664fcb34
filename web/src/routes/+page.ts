import { redirect } from '@sveltejs/kit'
import { session } from '$lib/state/session.svelte.ts'

// The front door: home for a signed-in user, otherwise sign-in.
export async function load() {
  const me = await session.load()
  redirect(307, me ? '/home' : '/sign-in')
}
