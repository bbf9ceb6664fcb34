import type { ConverterFunction } from 'opencc-js'
import * as OpenCC from 'opencc-js'

// Every string — documents and queries alike — goes through foldText, so 醫療 meets 医疗 and ＡＢＣ
// meets abc. Both sides folding the same way is what makes matching work; never fold only one side.

let toSimplified: ConverterFunction | undefined

/** The OpenCC tables take a few milliseconds to build, so the converter is made on first need only. */
function simplified(text: string): string {
  toSimplified ??= OpenCC.Converter({ from: 't', to: 'cn' })
  return toSimplified(text)
}

// C0/C1 control characters and zero-width marks arrive from copy-paste and hostile input alike.
const CONTROL = /[\p{Cc}\p{Cf}]/gu
const NON_ASCII = /[^\p{ASCII}]/u

export function stripControl(text: string): string {
  return text.replace(CONTROL, ' ')
}

export function foldText(text: string): string {
  const clean = stripControl(text).normalize('NFKC').toLowerCase()
  return NON_ASCII.test(clean) ? simplified(clean) : clean
}

const HAN = /\p{Script=Han}/u
export function hasHan(text: string): boolean {
  return HAN.test(text)
}
