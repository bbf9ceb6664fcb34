import type { NeedCategory, schema } from '@liandong/db'
import { DISTRICTS, OWNERS, type Region } from './marketplace-catalogue.ts'
import { demoId, type Random } from './marketplace-random.ts'
import { INFORMAL, RESOURCE_TEMPLATES } from './marketplace-templates.ts'

type NewResource = typeof schema.resources.$inferInsert
type NewLocation = typeof schema.resourceLocations.$inferInsert

const DAY = 86_400_000

export interface GeneratedResource {
  row: NewResource & { id: string; orgId: string; needCategories: string[] }
  location: NewLocation
}

/**
 * The demo directory beyond the search fixture: every template in two districts of each region
 * it serves, owned in turn by the organizations that offer that kind of help, plus the agencies'
 * informal resources. Mostly active; some drafts, paused and expired ones, and some not verified
 * for half a year (stale).
 */
export function generateResources(
  rng: Random,
  now: Date,
  orgIdOf: (key: string) => string,
): GeneratedResource[] {
  const out: GeneratedResource[] = []
  const districtsOf = (region: Region) =>
    Object.keys(DISTRICTS).filter((d) => DISTRICTS[d]!.region === region)
  let n = 0
  for (const template of RESOURCE_TEMPLATES) {
    for (const region of template.regions) {
      const owners = OWNERS[region][template.category] ?? OWNERS[region].default
      const pool = districtsOf(region)
      // Two or three districts per region, never the same one twice.
      const districts: string[] = []
      const count = (n + template.name.length) % 2 === 0 ? 3 : 2
      while (districts.length < count) {
        const d = rng.pick(pool)
        if (!districts.includes(d)) districts.push(d)
      }
      for (const [i, district] of districts.entries()) {
        n++
        const place = DISTRICTS[district]!
        const roll = rng.next()
        const status = roll < 0.07 ? 'draft' : roll < 0.13 ? 'paused' : roll < 0.17 ? 'expired' : 'active'
        const verifiedDaysAgo = status === 'active' && rng.chance(0.12) ? rng.int(95, 240) : rng.int(0, 60)
        const total = Math.max(1, Math.round(template.capacity * (0.6 + rng.next() * 0.8)))
        const available = rng.chance(0.08) ? 0 : rng.int(Math.ceil(total / 4), total)
        const orgId = orgIdOf(owners[(i + n) % owners.length]!)
        const id = demoId(1, n)
        const categories: NeedCategory[] = [template.category, ...(template.also ?? [])]
        out.push({
          row: {
            id,
            orgId,
            name: `${place.name}${template.name}`,
            description: template.description,
            keywords: template.keywords ?? [],
            resourceType: template.type,
            source: 'society',
            visibility: 'public',
            status,
            needCategories: categories,
            recipientCategories: template.recipients,
            ageMin: template.ages?.[0] ?? null,
            ageMax: template.ages?.[1] ?? null,
            districtCodes: [district],
            requiredDocuments: template.documents ?? [],
            capacityTotal: total,
            capacityAvailable: available,
            capacityUnit: template.unit,
            scheduleRrule: template.schedule ?? null,
            costFen: template.costFen ?? null,
            contactName: `${rng.pick(['王', '李', '陈', '张', '马'])}老师`,
            contactPhone:
              place.region === 'cd'
                ? `028-${rng.int(8100, 8799)}${rng.int(1000, 9999)}`
                : `0931-${rng.int(8100, 8799)}${rng.int(100, 999)}`,
            lastVerifiedAt: new Date(now.getTime() - verifiedDaysAgo * DAY),
            createdAt: new Date(now.getTime() - (verifiedDaysAgo + rng.int(10, 200)) * DAY),
            updatedAt: new Date(now.getTime() - verifiedDaysAgo * DAY),
          },
          location: locationFor(rng, id, district, `${place.name}服务点`),
        })
      }
    }
  }
  for (const informal of INFORMAL) {
    n++
    const id = demoId(1, n)
    out.push({
      row: {
        id,
        orgId: orgIdOf(informal.agency),
        name: informal.name,
        description: informal.description,
        resourceType: informal.type,
        source: informal.source,
        visibility: 'org',
        status: 'active',
        needCategories: [informal.category],
        districtCodes: [informal.district],
        capacityTotal: 1,
        capacityAvailable: 1,
        capacityUnit: '人',
        lastVerifiedAt: new Date(now.getTime() - rng.int(0, 30) * DAY),
        createdAt: new Date(now.getTime() - rng.int(30, 120) * DAY),
        updatedAt: new Date(now.getTime() - rng.int(0, 30) * DAY),
      },
      location: locationFor(rng, id, informal.district, null),
    })
  }
  return out
}

function locationFor(rng: Random, resourceId: string, district: string, name: string | null): NewLocation {
  const place = DISTRICTS[district]!
  const city = place.region === 'cd' ? '成都市' : ''
  return {
    id: resourceId.replace(/^0196d1/, '0196d2'),
    resourceId,
    name,
    address: `${city}${place.name}${place.street} ${rng.int(1, 299)} 号`,
    districtCode: district,
    // Within a couple of kilometres of the district's centre.
    latitude: Math.round((place.lat + (rng.next() - 0.5) * 0.03) * 1e5) / 1e5,
    longitude: Math.round((place.lng + (rng.next() - 0.5) * 0.03) * 1e5) / 1e5,
  }
}
