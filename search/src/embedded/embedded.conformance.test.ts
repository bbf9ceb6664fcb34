import { conformance } from '../conformance/suite.ts'
import { EmbeddedSearchEngine } from './embedded-engine.ts'

conformance('embedded', () => new EmbeddedSearchEngine())
