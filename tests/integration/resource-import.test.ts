import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { REALTIME_CHANNEL } from '@liandong/server'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'

// Importing resources from CSV, XLSX and Open Referral HSDS 3.0: every row validated, errors by
// row and field in the reader's language, nothing written on a failed run unless "skip invalid
// rows" was chosen, progress on the organization's topic.

// A copy of the specification's files (tests/fixtures/hsds-3.0/SOURCE.md says which commit).
const HSDS = join(import.meta.dirname, '../fixtures/hsds-3.0')
let t: TestApp
const cookies: Record<string, string> = {}
const orgOf: Record<string, string> = {}
const body = (res: { body: string }) => JSON.parse(res.body)

beforeAll(async () => {
  t = await testApp({ env: { AUTH_RATE_LIMIT: '10000' } })
  await t.app.searchReady()
  for (const w of ['partner.cd', 'partner.jobs', 'partner.gs', 'volunteer']) {
    cookies[w] = await signIn(t.app, `${w}@demo.liandong.cn`)
    const me = body(await t.app.inject({ url: '/api/me', headers: { cookie: cookies[w] } }))
    if (me.memberships[0]) orgOf[w] = me.memberships[0].orgId
  }
})
afterAll(() => t.close())

type Import = {
  id: string
  status: string
  total: number
  processed: number
  imported: number
  errors: { row: number; field: string; column: string; code: string; message: string }[]
}

async function upload(
  who: string,
  format: string,
  content: Buffer | string,
  options: { skipInvalid?: boolean; lang?: string } = {},
) {
  return t.app.inject({
    method: 'POST',
    url: `/api/organizations/${orgOf[who]}/resource-imports`,
    headers: { cookie: cookies[who]!, 'accept-language': options.lang ?? 'zh-CN' },
    payload: {
      format,
      fileName: `resources.${format}`,
      skipInvalid: options.skipInvalid ?? false,
      content: Buffer.from(content).toString('base64'),
    },
  })
}

/** Starts an import and waits for it to finish (it runs in the background). */
async function runImport(who: string, format: string, content: Buffer | string, options = {}) {
  const started = await upload(who, format, content, options)
  expect(started.statusCode, started.body).toBe(202)
  const { id } = body(started)
  for (let i = 0; i < 400; i++) {
    const res = await t.app.inject({
      url: `/api/resource-imports/${id}`,
      headers: { cookie: cookies[who]!, 'accept-language': (options as { lang?: string }).lang ?? 'zh-CN' },
    })
    const run = body(res) as Import
    if (run.status !== 'running') return run
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error('import did not finish')
}

const countResources = async (who: string) =>
  body(
    await t.app.inject({
      url: `/api/organizations/${orgOf[who]}/resources?limit=1`,
      headers: { cookie: cookies[who]! },
    }),
  ).total as number

const listResources = async (who: string) =>
  body(
    await t.app.inject({
      url: `/api/organizations/${orgOf[who]}/resources?limit=100`,
      headers: { cookie: cookies[who]! },
    }),
  ).items as Record<string, unknown>[]

const HEADER =
  '名称,资源类型,需求类别,服务对象类别,最小年龄,最大年龄,总容量,容量单位,费用（元）,联系电话,地点地址,地点区划代码,地点纬度,地点经度'
const good1 =
  '退役军人就业指导站,人力,就业创业；政策咨询,军转复退军人,18,60,30,人,,028-8765 4321,"成都市锦江区红星路 1 号\n成都市青羊区人民中路 8 号","510104\n510105","30.66\n30.67","104.08\n104.06"'
const good2 = '助学金申请辅导,organizational,schooling,,,,10,次,12.50,,,,,'
const badCapacity = '康复器具借用,物力,康复,,,,很多,件,,,,,,'
const badName = 'X,人力,医疗,,70,60,5,人,,,,,,'
const badCategory = '法律咨询,人力,法律；理财,,,,5,人,,,,,,'
const badLocation = '心理热线,人力,心理疏导,,,,5,人,,,四川省某地,5101,,'
const csv = [HEADER, good1, good2, badCapacity, badName, badCategory, badLocation].join('\n')

describe('templates', () => {
  it('serves the CSV template with the Chinese headers and the XLSX one with instructions', async () => {
    const res = await t.app.inject({
      url: '/api/resource-templates/csv',
      headers: { cookie: cookies['partner.cd']! },
    })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('text/csv')
    expect(res.headers['content-disposition']).toContain('attachment')
    const text = res.rawPayload.toString('utf8')
    expect(text.charCodeAt(0)).toBe(0xfeff)
    expect(text.slice(1).split('\n')[0]).toMatch(/^编号,名称,别名,简介,关键词,网址,资源类型/)

    const xlsx = await t.app.inject({
      url: '/api/resource-templates/xlsx',
      headers: { cookie: cookies['partner.cd']! },
    })
    expect(xlsx.statusCode).toBe(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['资源', '填写说明'])
    expect(workbook.getWorksheet('资源')!.getRow(1).getCell(2).text).toBe('名称')
    expect(workbook.getWorksheet('填写说明')!.getRow(8).getCell(4).text).toContain('人力')

    const volunteer = await t.app.inject({
      url: '/api/resource-templates/csv',
      headers: { cookie: cookies.volunteer! },
    })
    expect(volunteer.statusCode).toBe(403)
  })
})

describe('CSV import', () => {
  it('reports every bad row by row and field, in the caller language, and writes nothing', async () => {
    const before = await countResources('partner.cd')
    const events: { event: string; data: Record<string, unknown> }[] = []
    const stop = await t.database.listen(REALTIME_CHANNEL, (payload) => events.push(JSON.parse(payload)))
    const run = await runImport('partner.cd', 'csv', csv)
    await new Promise((r) => setTimeout(r, 50))
    await stop()

    expect(run).toMatchObject({ status: 'failed', total: 6, processed: 6, imported: 0 })
    const problems = run.errors.map((e) => `${e.row}:${e.field}:${e.column}:${e.code}`)
    expect(problems).toEqual([
      '4:capacityTotal:总容量:field.invalid_type',
      '5:name:名称:field.too_short',
      '5:ageMax:最大年龄:field.too_small',
      '6:needCategories:需求类别:import.unknown_code',
      '6:needCategories:需求类别:import.unknown_code',
      '7:locations.0.districtCode:地点区划代码:field.invalid_format',
    ])
    expect(run.errors[0]!.message).toBe('类型不正确，应为 integer。')
    expect(run.errors[1]!.message).toBe('至少 2 个字符。')
    expect(run.errors[3]!.message).toContain('“法律”')
    expect(await countResources('partner.cd')).toBe(before)

    // Progress went out on the organization's topic, ending with the outcome.
    const progress = events.filter((e) => e.event === 'resource_import.progress')
    expect(progress.length).toBeGreaterThanOrEqual(2)
    expect(progress.at(-1)!.data).toMatchObject({ id: run.id, status: 'failed', processed: 6, total: 6 })
    expect(
      events.every(
        (e) =>
          e.event !== 'resource_import.progress' ||
          (e as { topic?: string }).topic === `org:${orgOf['partner.cd']}`,
      ),
    ).toBe(true)

    const english = await t.app.inject({
      url: `/api/resource-imports/${run.id}`,
      headers: { cookie: cookies['partner.cd']!, 'accept-language': 'en' },
    })
    expect(body(english).errors[1].message).toBe('At least 2 characters.')
    expect(body(english).errors[3].message).toBe('"法律" is not one of the allowed values.')
  })

  it('imports the valid rows and reports the others when asked to skip invalid rows', async () => {
    const before = await countResources('partner.cd')
    const run = await runImport('partner.cd', 'csv', csv, { skipInvalid: true })
    expect(run).toMatchObject({ status: 'succeeded', total: 6, imported: 2 })
    expect(new Set(run.errors.map((e) => e.row))).toEqual(new Set([4, 5, 6, 7]))
    expect(await countResources('partner.cd')).toBe(before + 2)
    const items = await listResources('partner.cd')
    const station = items.find((r) => r.name === '退役军人就业指导站')!
    expect(station).toMatchObject({
      status: 'draft',
      resourceType: 'human',
      needCategories: ['employment', 'policy'],
      recipientCategories: ['demobilized'],
      ageMin: 18,
      ageMax: 60,
      capacityTotal: 30,
      capacityAvailable: 30,
      contactPhone: '028-8765 4321',
      stale: false,
    })
    expect(station.locations).toMatchObject([
      { address: '成都市锦江区红星路 1 号', districtCode: '510104', latitude: 30.66, longitude: 104.08 },
      { address: '成都市青羊区人民中路 8 号', districtCode: '510105', latitude: 30.67, longitude: 104.06 },
    ])
    expect(items.find((r) => r.name === '助学金申请辅导')).toMatchObject({
      costFen: 1250,
      capacityUnit: '次',
    })
    // The outbox holds the new documents: they reach search once drained (drafts stay hidden).
    const audit = body(
      await t.app.inject({
        url: `/api/organizations/${orgOf['partner.cd']}/resource-imports`,
        headers: { cookie: cookies['partner.cd']! },
      }),
    )
    expect(audit.items[0]).toMatchObject({ id: run.id, status: 'succeeded' })
  })

  it('refuses unreadable files, unknown or missing columns and empty files with 422, creating no import', async () => {
    const unknown = await upload('partner.cd', 'csv', `${HEADER},备注栏\n`)
    expect(unknown.statusCode).toBe(422)
    expect(body(unknown).error.details[0]).toMatchObject({
      field: 'body.content',
      code: 'import.unknown_column',
    })
    expect(body(unknown).error.details[0].message).toContain('备注栏')
    const missing = await upload('partner.cd', 'csv', '名称,资源类型\n康复,人力\n')
    expect(body(missing).error.details.map((d: { message: string }) => d.message)).toEqual([
      '缺少必填列“需求类别”。',
    ])
    expect((await upload('partner.cd', 'xlsx', 'this is not a workbook')).statusCode).toBe(422)
    expect((await upload('partner.cd', 'hsds-json', '{ broken')).statusCode).toBe(422)
    expect((await upload('partner.cd', 'hsds-datapackage', 'PK nope')).statusCode).toBe(422)
    expect(body(await upload('partner.cd', 'csv', `${HEADER}\n\n`)).error.details[0].code).toBe(
      'import.empty',
    )
    const notBase64 = await t.app.inject({
      method: 'POST',
      url: `/api/organizations/${orgOf['partner.cd']}/resource-imports`,
      headers: { cookie: cookies['partner.cd']! },
      payload: { format: 'csv', content: '%%%' },
    })
    expect(notBase64.statusCode).toBe(422)
  })

  it('keeps imports inside the organization: others get 404, volunteers 403', async () => {
    const run = await runImport('partner.cd', 'csv', [HEADER, good2].join('\n'))
    const other = await t.app.inject({
      url: `/api/resource-imports/${run.id}`,
      headers: { cookie: cookies['partner.gs']! },
    })
    expect(other.statusCode).toBe(404)
    const foreign = await t.app.inject({
      method: 'POST',
      url: `/api/organizations/${orgOf['partner.cd']}/resource-imports`,
      headers: { cookie: cookies['partner.gs']! },
      payload: { format: 'csv', content: Buffer.from(csv).toString('base64') },
    })
    expect(foreign.statusCode).toBe(404)
    const volunteer = await t.app.inject({
      method: 'POST',
      url: `/api/organizations/${orgOf['partner.cd']}/resource-imports`,
      headers: { cookie: cookies.volunteer! },
      payload: { format: 'csv', content: Buffer.from(csv).toString('base64') },
    })
    expect(volunteer.statusCode).toBe(403)
  })

  it('reads CSV saved by Excel on Chinese Windows (GB18030)', async () => {
    const gbk = Buffer.from(
      '\xc3\xfb\xb3\xc6,\xd7\xca\xd4\xb4\xc0\xe0\xd0\xcd,\xd0\xe8\xc7\xf3\xc0\xe0\xb1\xf0\n\xc9\xe7\xc7\xf8\xd6\xfa\xb2\xcd,\xce\xef\xc1\xa6,\xc9\xfa\xbb\xee\xb1\xa3\xd5\xcf\n',
      'latin1',
    )
    const run = await runImport('partner.jobs', 'csv', gbk)
    expect(run).toMatchObject({ status: 'succeeded', imported: 1 })
    expect((await listResources('partner.jobs')).find((r) => r.name === '社区助餐')).toMatchObject({
      resourceType: 'material',
      needCategories: ['living'],
    })
  })
})

describe('HSDS import', () => {
  const example = (name: string) => readFileSync(join(HSDS, 'examples', name))

  it('imports the HSDS 3.0 example service, organization and list page', async () => {
    // The list form holds fewer fields: the full forms, imported after it, fill them in.
    for (const file of ['service_list.json', 'organization_full.json', 'service_full.json']) {
      const run = await runImport('partner.gs', 'hsds-json', example(file))
      expect(run, file).toMatchObject({ status: 'succeeded', imported: 1, errors: [] })
    }
    const counselling = (await listResources('partner.gs')).filter((r) => r.name === 'Community Counselling')
    // The example service carries one id: the second and third imports update the first.
    expect(counselling).toHaveLength(1)
    expect(counselling[0]).toMatchObject({
      alternateName: 'MyCity Counselling Services',
      status: 'active',
      resourceType: 'organizational',
      needCategories: ['other'],
      ageMin: 12,
      ageMax: 100,
      languages: ['ur'],
      contactName: 'Ann Persona',
      contactPhone: '+44 1234 234567',
      contactEmail: 'email@example.com',
    })
    const location = (counselling[0]!.locations as Record<string, unknown>[])[0]
    // No GB/T 2260 code in the example: the importing organization's district; 100/101 are not coordinates.
    expect(location).toMatchObject({ name: 'MyCity Civic Center', districtCode: '620102', latitude: null })
    expect(location!.address).toContain('1-30 Main Street')
    expect(counselling[0]!.eligibilityNote).toContain('所需材料：Any official identification document')
  })

  it('imports the HSDS 3.0 example data package (CSV files in a zip)', async () => {
    const zip = new JSZip()
    for (const file of readdirSync(join(HSDS, 'examples/csv')).filter((f) => f.endsWith('.csv')))
      zip.file(file, readFileSync(join(HSDS, 'examples/csv', file)))
    zip.file('datapackage.json', readFileSync(join(HSDS, 'datapackage.json')))
    const run = await runImport(
      'partner.jobs',
      'hsds-datapackage',
      await zip.generateAsync({ type: 'nodebuffer' }),
    )
    expect(run).toMatchObject({ status: 'succeeded', total: 1, imported: 1, errors: [] })
    const imported = (await listResources('partner.jobs')).find((r) => r.name === 'Community Counselling')!
    expect(imported).toMatchObject({
      ageMin: 12,
      ageMax: 100,
      languages: ['ur'],
      contactPhone: '+44 1234 234567',
    })
    expect(imported.scheduleRrule).toBe('FREQ=WEEKLY;INTERVAL=1;BYDAY=TH,FR;COUNT=3;WKST=TU')
    expect((imported.locations as unknown[]).length).toBe(1)
  })

  it('reports an HSDS service with errors by its number and HSDS property', async () => {
    const doc = JSON.parse(example('service_full.json').toString())
    const bad = [
      { ...doc, id: undefined, name: 'A' },
      { ...doc, id: undefined, minimum_age: 90, maximum_age: 10 },
    ]
    const run = await runImport('partner.gs', 'hsds-json', JSON.stringify(bad))
    expect(run.status).toBe('failed')
    expect(run.errors.map((e) => `${e.row}:${e.column}:${e.code}`)).toEqual([
      '1:name:field.too_short',
      '2:maximum_age:field.too_small',
    ])
  })
})

describe('interrupted imports', () => {
  it('marks a run left "running" by a dead process as failed, with a translated reason', async () => {
    const { resourceImportsRepo } = await import('@liandong/db')
    const repo = resourceImportsRepo(t.database.db)
    const now = t.clock.now()
    const stuck = await repo.create({
      orgId: orgOf['partner.cd']!,
      format: 'csv',
      fileName: 'stuck.csv',
      total: 5,
      createdAt: new Date(now.getTime() - 31 * 60_000),
    })
    const fresh = await repo.create({ orgId: orgOf['partner.cd']!, format: 'csv', total: 5, createdAt: now })
    const failed = await repo.failInterrupted(new Date(now.getTime() - 30 * 60_000), now)
    expect(failed.map((r) => r.id)).toEqual([stuck.id])
    const read = (id: string) =>
      t.app.inject({
        url: `/api/resource-imports/${id}`,
        headers: { cookie: cookies['partner.cd']!, 'accept-language': 'en' },
      })
    const shown = body(await read(stuck.id)) as Import
    expect(shown.status).toBe('failed')
    expect(shown.imported).toBe(0)
    expect(shown.errors).toEqual([expect.objectContaining({ code: 'import.interrupted' })])
    expect(shown.errors[0]!.message).toMatch(/cut off/)
    expect((body(await read(fresh.id)) as Import).status).toBe('running')
  })
})
