// A local inlang plugin that reads messages/{locale}.json: flat keys, values with {name} inputs.
//
// Why not @inlang/plugin-message-format? inlang loads non-local plugins from a CDN URL at build
// time, and the build must work offline and from a fresh clone with nothing but npm. The inlang
// SDK imports a local module as a data: URL, so this file must stay self-contained (no imports).

const pluginKey = 'plugin.liandong.messageFormat'

/** Splits "你好，{name}" into inlang pattern parts. */
function parsePattern(text) {
  const pattern = []
  const inputs = []
  const re = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g
  let last = 0
  for (let match = re.exec(text); match; match = re.exec(text)) {
    if (match.index > last) pattern.push({ type: 'text', value: text.slice(last, match.index) })
    const name = match[1]
    pattern.push({ type: 'expression', arg: { type: 'variable-reference', name } })
    if (!inputs.includes(name)) inputs.push(name)
    last = match.index + match[0].length
  }
  if (last < text.length) pattern.push({ type: 'text', value: text.slice(last) })
  return { pattern, inputs }
}

function serializePattern(pattern) {
  return pattern
    .map((part) =>
      part.type === 'text' ? part.value : part.type === 'expression' ? `{${part.arg.name}}` : '',
    )
    .join('')
}

export default {
  key: pluginKey,
  // `extraPathPatterns`: further catalogues read into the same bundles (one area's messages in a
  // file of their own, so that people working on different areas do not edit one file at once).
  toBeImportedFiles: ({ settings }) => {
    const pathPattern = settings[pluginKey]?.pathPattern ?? './messages/{locale}.json'
    const patterns = [pathPattern, ...(settings[pluginKey]?.extraPathPatterns ?? [])]
    return patterns.flatMap((pattern) =>
      settings.locales.map((locale) => ({ locale, path: pattern.replace('{locale}', locale) })),
    )
  },
  importFiles: ({ files }) => {
    const bundles = new Map()
    const messages = []
    const variants = []
    for (const file of files) {
      const json = JSON.parse(new TextDecoder().decode(file.content))
      for (const [key, value] of Object.entries(json)) {
        if (key === '$schema' || typeof value !== 'string') continue
        const { pattern, inputs } = parsePattern(value)
        const bundle = bundles.get(key) ?? { id: key, declarations: [] }
        for (const name of inputs) {
          if (!bundle.declarations.some((d) => d.name === name))
            bundle.declarations.push({ type: 'input-variable', name })
        }
        bundles.set(key, bundle)
        messages.push({ bundleId: key, locale: file.locale, selectors: [] })
        variants.push({ messageBundleId: key, messageLocale: file.locale, matches: [], pattern })
      }
    }
    return { bundles: [...bundles.values()], messages, variants }
  },
  exportFiles: ({ bundles, messages, variants, settings }) => {
    const pathPattern = settings[pluginKey]?.pathPattern ?? './messages/{locale}.json'
    return settings.locales.map((locale) => {
      const out = {}
      for (const bundle of bundles) {
        const message = messages.find((m) => m.bundleId === bundle.id && m.locale === locale)
        const variant = message && variants.find((v) => v.messageId === message.id)
        if (variant) out[bundle.id] = serializePattern(variant.pattern)
      }
      return {
        locale,
        name: pathPattern.replace('{locale}', locale).replace(/^\.\//, ''),
        content: new TextEncoder().encode(`${JSON.stringify(out, null, 2)}\n`),
      }
    })
  },
}
