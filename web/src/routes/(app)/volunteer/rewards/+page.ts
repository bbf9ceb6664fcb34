import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'

export async function load({ parent, fetch, depends }) {
  depends('app:rewards')
  const { profile } = await parent()
  if (!profile) return { totals: null, ledger: [], leaderboard: [], catalogue: [], redemptions: [] }
  const [totals, ledger, leaderboard, catalogue, redemptions] = await Promise.all([
    unwrap(api.GET('/api/me/totals', { fetch })),
    unwrap(api.GET('/api/me/points', { fetch, params: { query: { limit: 20 } } })),
    unwrap(api.GET('/api/leaderboard', { fetch, params: { query: { limit: 10 } } })),
    unwrap(api.GET('/api/rewards', { fetch })),
    unwrap(api.GET('/api/me/redemptions', { fetch })),
  ])
  return {
    totals,
    ledger: ledger.items,
    leaderboard: leaderboard.items,
    catalogue: catalogue.items,
    redemptions: redemptions.items,
  }
}
