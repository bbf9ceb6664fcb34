import { api } from '$lib/api/client.ts'
import { unwrap } from '$lib/api/errors.ts'
import { needCategories } from '$lib/labels.ts'
import { agencyOrgs } from '$lib/marketplace/access.ts'
import { urgencies } from '$lib/marketplace/labels.ts'
import { statusGroups } from './filters.ts'

const LIMIT = 20
type Category = (typeof needCategories)[number]
type Urgency = (typeof urgencies)[number]

// Workers' outbox (side=sent) and every receiving organization's inbox (side=received).
export async function load({ parent, url, depends }) {
  depends('app:referrals')
  const { me } = await parent()
  const sends = agencyOrgs(me).length > 0
  const q = url.searchParams
  const side = q.get('side') === 'received' || !sends ? 'received' : 'sent'
  const group = q.get('group') && statusGroups[q.get('group')!] ? q.get('group')! : ''
  const overdue = q.get('overdue') === '1'
  const urgency = urgencies.includes(q.get('urgency') as Urgency) ? (q.get('urgency') as Urgency) : ''
  const category = needCategories.includes(q.get('category') as Category)
    ? (q.get('category') as Category)
    : ''
  const offset = Math.max(0, Number(q.get('offset')) || 0)
  const page = await unwrap(
    api.GET('/api/referrals', {
      params: {
        query: {
          side,
          limit: LIMIT,
          offset,
          ...(group ? { status: statusGroups[group] } : {}),
          ...(overdue ? { overdue: true } : {}),
          ...(urgency ? { urgency } : {}),
          ...(category ? { category } : {}),
        },
      },
    }),
  )
  return { side, sends, group, overdue, urgency, category, page } as const
}
