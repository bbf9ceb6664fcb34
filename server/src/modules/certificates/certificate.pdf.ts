import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { Certificate } from '@liandong/db'
import QRCode from 'qrcode'
import { loadPdfKit } from '../../lazy-libraries.ts'
import { formatHours } from './certificate.format.ts'

// Noto Sans SC (SIL OFL) from the npm registry, the static TTF: PDFKit's own fonts have no CJK
// glyphs, and fontkit embeds only the glyphs a document uses (a subset), so a certificate stays
// small although the font file is ~10 MB. Read once per process, parsed per document.
const require = createRequire(import.meta.url)
const FONT_PATH = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')
const BOLD_PATH = require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf')
let fonts: Promise<{ regular: Buffer; bold: Buffer }> | undefined
const loadFonts = () => {
  fonts ??= Promise.all([readFile(FONT_PATH), readFile(BOLD_PATH)]).then(([regular, bold]) => ({
    regular,
    bold,
  }))
  return fonts
}

type Issued = Certificate & { number: string; issuedAt: Date }

/**
 * The printable certificate (民政部令第67号 §14: volunteer identity, hours and content, issuer with
 * person in charge, handler and contact, number and date) with a QR code to the public
 * verification page. Chinese is the document's language; headings carry an English line.
 */
export async function renderCertificatePdf(cert: Issued, verifyUrl: string): Promise<Buffer> {
  const { regular, bold } = await loadFonts()
  const qr = await QRCode.toBuffer(verifyUrl, {
    type: 'png',
    margin: 1,
    width: 300,
    errorCorrectionLevel: 'M',
  })
  const PDFDocument = await loadPdfKit()
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 64, bottom: 56, left: 64, right: 64 },
    info: {
      Title: `志愿服务记录证明 ${cert.number}`,
      Author: cert.issuerName ?? '',
      Subject: 'Volunteer service record certificate',
    },
  })
  doc.registerFont('body', regular)
  doc.registerFont('bold', bold)
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })

  const width = doc.page.width - 128
  const issuedOn = shanghaiDay(cert.issuedAt)
  doc.font('bold').fontSize(24).text('志愿服务记录证明', { align: 'center' })
  doc.font('body').fontSize(10).fillColor('#555').text('Volunteer Service Record Certificate', {
    align: 'center',
  })
  doc.moveDown(0.6).fontSize(10).text(`证明编号 No.：${cert.number}`, { align: 'right' })
  doc.moveDown(1.2).fillColor('#000').fontSize(12.5)

  const hours = formatHours(cert.minutes ?? 0)
  const idLine = cert.idNumberMasked ? `，${idTypeLabel(cert.idType)} ${cert.idNumberMasked}` : ''
  doc.text(
    `兹证明 ${cert.volunteerName}（志愿者编号 ${cert.volunteerNumber ?? '—'}${idLine}）于 ` +
      `${cert.periodFrom} 至 ${cert.periodTo} 期间，参加本单位组织的志愿服务活动 ${cert.recordCount ?? 0} 次，` +
      `累计服务时长 ${hours} 小时（${cert.minutes ?? 0} 分钟）。`,
    { lineGap: 6, width },
  )
  doc.moveDown(0.8).font('bold').text('服务内容 Content', { width })
  doc
    .font('body')
    .fontSize(11.5)
    .text(cert.content ?? '', { lineGap: 4, width })
  doc.moveDown(0.8).fontSize(11.5)
  doc.text('特此证明。', { width })

  doc.moveDown(2)
  const rows: Array<[string, string]> = [
    ['出具单位 Issuer', cert.issuerName ?? ''],
    ['负责人 Person in charge', cert.personInCharge ?? ''],
    ['经办人 Handler', cert.handlerName ?? ''],
    ['联系方式 Contact', cert.issuerContact ?? ''],
    ['出具日期 Date', issuedOn],
  ]
  const top = doc.y
  for (const [label, value] of rows) {
    doc.font('body').fontSize(10).fillColor('#555').text(label, 64, doc.y, { width: 150, continued: false })
    doc.moveUp().font('body').fontSize(11.5).fillColor('#000').text(value, 214, doc.y, { width: 200 })
    doc.moveDown(0.4)
  }
  doc.image(qr, 64 + width - 120, top - 6, { width: 120 })
  doc
    .fontSize(8.5)
    .fillColor('#555')
    .text('扫码核验 Scan to verify', 64 + width - 130, top + 118, { width: 140, align: 'center' })

  doc
    .fontSize(8.5)
    .fillColor('#555')
    .text(
      '本证明依据《志愿服务条例》和《志愿服务记录与证明出具办法（试行）》出具，时长为出具单位审核通过的服务记录合计，' +
        '由出具单位对其真实性负责。核验：扫描二维码或访问下列网址。',
      64,
      doc.page.height - 120,
      { width, lineGap: 2 },
    )
    .text(verifyUrl, { width, link: verifyUrl })
  doc.end()
  return done
}

const shanghaiDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)

const idTypeLabels: Record<string, string> = {
  resident_id: '居民身份证',
  passport: '护照',
  hk_macao_pass: '港澳居民来往内地通行证',
  taiwan_pass: '台湾居民来往大陆通行证',
  foreigner_permit: '外国人永久居留身份证',
}
const idTypeLabel = (idType: string | null) => (idType && idTypeLabels[idType]) || '证件号码'
