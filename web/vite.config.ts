import { paraglideVitePlugin } from '@inlang/paraglide-js'
import { sveltekit } from '@sveltejs/kit/vite'
import { defineConfig } from 'vite'

// In development Vite serves the pages and forwards /api and /ws to the Fastify server
// (`pnpm dev` at the top level, PORT 3000); in production one process serves both.
const apiTarget = process.env.LIANDONG_API ?? 'http://localhost:3000'

export default defineConfig({
  plugins: [
    // Options live in project.inlang/paraglide.config.js, shared with the CLI compile.
    paraglideVitePlugin({ project: './project.inlang', outdir: './src/lib/paraglide' }),
    sveltekit(),
  ],
  server: {
    proxy: {
      '/api': apiTarget,
      '/ws': { target: apiTarget.replace(/^http/, 'ws'), ws: true },
    },
  },
})
