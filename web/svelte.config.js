import adapter from '@sveltejs/adapter-node'
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte'

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: 'build' }),
    // Pages render in the browser (ssr = false), so the only inline script is Kit's bootstrap;
    // 'hash' lets Kit hash it into script-src and nothing else inline may run.
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        // Svelte transitions and style: attributes write inline styles.
        'style-src': ['self', 'unsafe-inline'],
        // The QR code for two-step sign-in arrives as SVG markup and is shown as a data: image.
        'img-src': ['self', 'data:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
  },
}

export default config
