// Test helpers other packages' tests may use (tests/faults): fault injection and a reference outbox.
export { FaultyEngine } from './faulty-engine.ts'
export { MemoryOutbox } from './memory-outbox.ts'
