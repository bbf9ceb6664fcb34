// The relevance fixture and its labelled queries, for the demo seed and for tests that check
// relevance through the database (`@liandong/search/fixture`).
export { FIXTURE_OPPORTUNITIES, FIXTURE_RESOURCES, OPPORTUNITY_KEYS, ORGS, RESOURCE_KEYS } from './fixture.ts'
export { type QueryScore, scoreQuery } from './precision.ts'
export { LABELLED_QUERIES, type LabelledQuery } from './queries.ts'
