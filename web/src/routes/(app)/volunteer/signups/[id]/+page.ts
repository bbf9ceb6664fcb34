import { error } from '@sveltejs/kit'
import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'
import { m } from '$lib/paraglide/messages.js'

// A notification about a sign-up (an offer, an approval) links here.
export async function load({ params, fetch, depends }) {
  depends('app:signups')
  const page = await unwrap(api.GET('/api/me/signups', { fetch, params: { query: { limit: 100 } } }))
  const signup = page.items.find((s) => s.id === params.id)
  if (!signup) error(404, { message: m.not_found_body(), code: 'not_found' })
  return { signup }
}
