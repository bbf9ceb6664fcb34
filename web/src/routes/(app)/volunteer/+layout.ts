import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'
import type { VolunteerProfile } from '$lib/api/volunteer-types.ts'

// Every volunteer page knows whether the account has registered (404 before that) and what blocks
// its sign-ups; the pages then load only what they show.
export async function load({ fetch, depends }) {
  depends('app:volunteer-profile')
  const result = await api.GET('/api/volunteer/profile', { fetch })
  if (result.response.status === 404) return { profile: null as VolunteerProfile | null }
  return { profile: (await unwrap(Promise.resolve(result))) as VolunteerProfile | null }
}
