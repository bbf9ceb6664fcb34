import type { Handle } from '@sveltejs/kit'
import { extractLocaleFromRequest } from '$lib/paraglide/runtime.js'

// Pages render in the browser, but the shell's <html lang> is set here so that screen readers and
// font selection get the right language before any script runs.
export const handle: Handle = ({ event, resolve }) => {
  const locale = extractLocaleFromRequest(event.request)
  return resolve(event, {
    transformPageChunk: ({ html }) => html.replace('<html lang="zh-CN">', `<html lang="${locale}">`),
  })
}
