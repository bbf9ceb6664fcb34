import { en } from './en.ts'
import { zhCN } from './zh-CN.ts'

export type MessageKey = keyof typeof zhCN
export type Locale = 'zh-CN' | 'en'
export const locales: readonly Locale[] = ['zh-CN', 'en']

const catalogues: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en }

export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogues[locale]?.[key] ?? catalogues['zh-CN'][key] ?? key
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`))
}

/** The user's explicit choice (cookie) wins, then Accept-Language, then zh-CN. */
export function pickLocale(cookieValue: string | undefined, acceptLanguage: string | undefined): Locale {
  if (cookieValue === 'en' || cookieValue === 'zh-CN') return cookieValue
  if (!acceptLanguage) return 'zh-CN'
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', q] = part.trim().split(';q=')
      return { tag: tag.toLowerCase(), q: q ? Number(q) : 1 }
    })
    .sort((a, b) => b.q - a.q)
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN'
    if (tag.startsWith('en')) return 'en'
  }
  return 'zh-CN'
}
