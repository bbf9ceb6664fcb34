import { api } from '$lib/api/client.ts'
import { getLocale, isLocale, type Locale, setLocale } from '$lib/paraglide/runtime.js'
import { session } from './session.svelte.ts'

export const localeNames: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' }

/** The interface language: the `ld_locale` cookie (read by the server too) and the account's setting. */
class LocaleState {
  current = $state<Locale>(getLocale())

  /**
   * Switches language. Paraglide's messages are plain functions, so the page reloads to render
   * every label again; the account remembers the choice for the next device.
   */
  async change(next: Locale) {
    if (next === this.current) return
    if (session.signedIn) await api.PATCH('/api/me', { body: { locale: next } })
    this.current = next
    setLocale(next)
  }

  /** After sign-in the account's language wins; returns true when the page must reload to apply it. */
  adopt(accountLocale: string): boolean {
    if (!isLocale(accountLocale) || accountLocale === this.current) return false
    this.current = accountLocale
    setLocale(accountLocale, { reload: false })
    return true
  }
}

export const locale = new LocaleState()
