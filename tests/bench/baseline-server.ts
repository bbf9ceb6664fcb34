// The baseline for HTTP figures: a bare Fastify route in its own process, same machine, same run.
import Fastify from 'fastify'

const app = Fastify({ logger: false })
app.get('/ping', async () => ({ ok: true }))
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' })
console.log(`listening ${(app.server.address() as { port: number }).port}`)
