// Compiler options (paths from web/) read by both the Vite plugin and `paraglide-js compile` (used by typecheck),
// so the generated runtime is the same whichever ran last.
export default {
  outdir: './src/lib/paraglide',
  // The user's choice (a cookie the server reads too, for its error messages), then the
  // browser's languages, then Chinese.
  strategy: ['cookie', 'preferredLanguage', 'baseLocale'],
  cookieName: 'ld_locale',
  emitGitIgnore: false,
  emitReadme: false,
  emitPrettierIgnore: false,
}
