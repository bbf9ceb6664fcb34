import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { JobRuntime } from './runtime.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** Durable jobs, recurring jobs and the search outbox drain; see server/src/jobs. */
    jobs: JobRuntime
  }
}

/**
 * Decorates `app.jobs`. Nothing runs until `app.jobs.start()` (main calls it when JOBS is on;
 * tests start workers themselves). Stopping happens in preClose, before the database closes.
 */
export default fp(
  async (app: FastifyInstance) => {
    const { database, clock } = app.infra
    const jobs = new JobRuntime({ database, clock, log: app.log.child({ module: 'jobs' }) })
    app.decorate('jobs', jobs)
    app.addHook('preClose', async () => {
      await jobs.stop()
    })
  },
  { name: 'jobs', dependencies: ['infra'] },
)
