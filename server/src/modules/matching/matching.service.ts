import { type Db, schema } from '@liandong/db'
import { and, arrayOverlaps, desc, eq, inArray, ne, or } from 'drizzle-orm'
import type { Static } from 'typebox'
import type { Principal } from '../../auth/principal.ts'
import type { Infrastructure } from '../../context.ts'
import { NotFoundError } from '../../errors.ts'
import { type Locale, t } from '../../i18n/index.ts'
import { AGE_BAND_RANGES, ageRangeOf } from '../needs/age-band.ts'
import { publicNeedView } from '../needs/need.service.ts'
import { OPEN_TO_PARTNERS } from '../needs/need-status.ts'
import type { AgeBand } from '../needs/need-types.ts'
import { partnerResponsiveness } from '../referrals/referral.responsiveness.ts'
import { shanghaiDate } from '../volunteers/age.ts'
import type { FittingNeedQuery, MatchQuery } from './matching.schemas.ts'
import { type MatchNeed, type MatchResource, NO_HISTORY, rankMatches, scoreMatch } from './scoring.ts'
import { matchableResources, textRelevance } from './text-relevance.ts'

const { needs, recipients, resources, resourceLocations, organizations, needPledges } = schema
type ResourceRow = typeof resources.$inferSelect
type NeedRow = typeof needs.$inferSelect

/** Enough for any real district; a category with more active resources than this needs paging by area first. */
const MAX_CANDIDATES = 2000
const MAX_OPEN_NEEDS = 1000
const HISTORY_MS = 365 * 86_400_000

export function matchingService({ database, clock, search, config }: Infrastructure) {
  const db: Db = database.db
  const year = () => Number(shanghaiDate(clock.now()).slice(0, 4))

  async function withLocations(rows: ResourceRow[]): Promise<(ResourceRow & MatchResource)[]> {
    if (rows.length === 0) return []
    const locations = await db
      .select()
      .from(resourceLocations)
      .where(
        inArray(
          resourceLocations.resourceId,
          rows.map((r) => r.id),
        ),
      )
    const byResource = new Map<string, (typeof locations)[number][]>()
    for (const l of locations) byResource.set(l.resourceId, [...(byResource.get(l.resourceId) ?? []), l])
    return rows.map((r) => ({ ...r, locations: byResource.get(r.id) ?? [] }))
  }

  const toMatchNeed = (need: NeedRow, ages: { min: number; max: number }): MatchNeed => ({
    categories: need.categories,
    recipientCategories: need.recipientCategories,
    ages,
    districtCode: need.districtCode,
    quantity: need.quantity,
  })

  return {
    /** Ranked, explained resources for one of the agency's needs. */
    async matches(principal: Principal, needId: string, query: Static<typeof MatchQuery>, locale: Locale) {
      const [row] = await db
        .select({ need: needs, birthYear: recipients.birthYear })
        .from(needs)
        .innerJoin(recipients, eq(recipients.id, needs.recipientId))
        .where(eq(needs.id, needId))
      if (!row || !principal.canInOrg('need.read', row.need.orgId)) throw new NotFoundError()
      const need = row.need
      // The agency knows the birth year: a year's span is sharper than the band partners see.
      const target = toMatchNeed(need, ageRangeOf(row.birthYear, need.ageBand as AgeBand, year()))

      const candidates = await db
        .select({ resource: resources, orgName: organizations.name })
        .from(resources)
        .innerJoin(organizations, eq(organizations.id, resources.orgId))
        .where(
          and(
            eq(resources.status, 'active'),
            eq(organizations.status, 'approved'),
            or(eq(resources.visibility, 'public'), eq(resources.orgId, need.orgId)),
            arrayOverlaps(resources.needCategories, need.categories),
          ),
        )
        .orderBy(desc(resources.capacityAvailable))
        .limit(MAX_CANDIDATES)
      const orgNames = new Map(candidates.map((c) => [c.resource.orgId, c.orgName]))
      const full = await withLocations(candidates.map((c) => c.resource))
      // The last year of answers: a partner's habits change, and old figures should fade out.
      const histories = await partnerResponsiveness(
        db,
        [...orgNames.keys()],
        new Date(clock.now().getTime() - HISTORY_MS),
      )
      const text = await textRelevance(
        search,
        need.publicSummary,
        matchableResources(need.orgId, need.categories),
      )

      const scored = rankMatches(
        full.map((r) => ({
          id: r.id,
          resource: r,
          match: scoreMatch(
            target,
            r,
            histories.get(r.orgId) ?? NO_HISTORY,
            text ? (text.get(r.id) ?? 0) : null,
          ),
        })),
      )
      const shown = (query.flagged ?? true) ? scored : scored.filter((s) => s.match.failures.length === 0)
      return {
        needId: need.id,
        textMeasured: text !== null,
        candidates: scored.length,
        items: shown.slice(0, query.limit ?? 20).map(({ resource: r, match }) => ({
          resource: {
            id: r.id,
            name: r.name,
            orgId: r.orgId,
            orgName: orgNames.get(r.orgId) ?? '',
            visibility: r.visibility,
            resourceType: r.resourceType,
            needCategories: r.needCategories,
            recipientCategories: r.recipientCategories,
            ageMin: r.ageMin,
            ageMax: r.ageMax,
            districtCodes: r.districtCodes,
            capacityAvailable: r.capacityAvailable,
            capacityUnit: r.capacityUnit,
            stale:
              !r.lastVerifiedAt ||
              clock.now().getTime() - r.lastVerifiedAt.getTime() > config.RESOURCE_STALE_DAYS * 86_400_000,
          },
          score: match.score,
          eligible: match.failures.length === 0,
          failures: match.failures.map((rule) => ({ rule, label: t(locale, `match.${rule}`) })),
          reasons: match.reasons,
        })),
      }
    },

    /**
     * The reverse view: open needs of other agencies that one of the organization's active public
     * resources can take, best fit first, each with that resource. Needs are de-identified and
     * judged by their age band only; text relevance is not measured here.
     */
    async fittingNeeds(principal: Principal, orgId: string, query: Static<typeof FittingNeedQuery>) {
      if (!principal.canInOrg('need.pledge', orgId)) throw new NotFoundError()
      const own = await withLocations(
        await db
          .select()
          .from(resources)
          .where(
            and(
              eq(resources.orgId, orgId),
              eq(resources.status, 'active'),
              eq(resources.visibility, 'public'),
            ),
          ),
      )
      const limit = query.limit ?? 20
      const offset = query.offset ?? 0
      const served = [...new Set(own.flatMap((r) => r.needCategories))].filter(
        (c) => !query.category || c === query.category,
      )
      if (own.length === 0 || served.length === 0) return { items: [], total: 0, limit, offset }
      const open = await db
        .select({ need: needs, orgName: organizations.name })
        .from(needs)
        .innerJoin(organizations, eq(organizations.id, needs.orgId))
        .where(
          and(
            inArray(needs.status, [...OPEN_TO_PARTNERS]),
            ne(needs.orgId, orgId),
            arrayOverlaps(needs.categories, served),
          ),
        )
        .orderBy(desc(needs.createdAt))
        .limit(MAX_OPEN_NEEDS)
      const pledged = new Set(
        open.length
          ? (
              await db
                .select({ needId: needPledges.needId })
                .from(needPledges)
                .where(
                  and(
                    eq(needPledges.orgId, orgId),
                    inArray(needPledges.status, ['offered', 'accepted']),
                    inArray(
                      needPledges.needId,
                      open.map((o) => o.need.id),
                    ),
                  ),
                )
            ).map((p) => p.needId)
          : [],
      )
      const fits = []
      for (const { need, orgName } of open) {
        const target = toMatchNeed(need, AGE_BAND_RANGES[need.ageBand as AgeBand])
        const best = rankMatches(own.map((r) => ({ id: r.id, resource: r, match: scoreMatch(target, r) })))[0]
        if (!best || best.match.failures.length > 0) continue
        fits.push({
          need: publicNeedView(need, orgName),
          resource: { id: best.resource.id, name: best.resource.name },
          score: best.match.score,
          reasons: best.match.reasons,
          pledged: pledged.has(need.id),
        })
      }
      const urgency = { urgent: 4, high: 3, normal: 2, low: 1 } as Record<string, number>
      fits.sort(
        (a, b) => b.score - a.score || (urgency[b.need.urgency] ?? 0) - (urgency[a.need.urgency] ?? 0),
      )
      return { items: fits.slice(offset, offset + limit), total: fits.length, limit, offset }
    },
  }
}
