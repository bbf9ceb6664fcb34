import { type DbOrTx, type ResponsivenessFigures, referralsRepo } from '@liandong/db'

export type { ResponsivenessFigures }

/**
 * How partners answer referrals, per receiving organization: referrals answered or left to expire
 * (`responded`), accepted, declined, expired, the acceptance rate and the median hours from
 * sending to an answer. Matching ranks by it; an organization without history is absent from the
 * map. `since` limits the figures to referrals sent after it (e.g. the last year).
 */
export function partnerResponsiveness(
  db: DbOrTx,
  orgIds: readonly string[],
  since?: Date,
): Promise<Map<string, ResponsivenessFigures>> {
  return referralsRepo(db).responsiveness(orgIds, since)
}
