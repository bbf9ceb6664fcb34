import type { IndexDefinition } from '../engine.ts'
import { needsIndex } from './needs.ts'
import { opportunitiesIndex } from './opportunities.ts'
import { resourcesIndex } from './resources.ts'

/** Every index the application ensures at start. */
export const INDEX_DEFINITIONS: readonly IndexDefinition[] = [resourcesIndex, opportunitiesIndex, needsIndex]
