// Pages render in the browser and load their data through the typed API client: the Fastify
// API is the only server, and Kit's server side merely hands out the shell.
export const ssr = false
export const prerender = false
