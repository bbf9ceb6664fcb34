import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signIn, type TestApp, testApp } from '../support/app.ts'

// Exports: CSV and XLSX with the template's columns (which import back unchanged), HSDS 3.0 JSON
// and the HSDS data package, validated against the specification's compiled JSON schemas.

// A copy of the specification's files (tests/fixtures/hsds-3.0/SOURCE.md says which commit).
const HSDS = join(import.meta.dirname, '../fixtures/hsds-3.0')
const schemaOf = (name: string) =>
  JSON.parse(gunzipSync(readFileSync(join(HSDS, 'schema/compiled', `${name}.json.gz`))).toString('utf8'))
// The compiled schemas carry Frictionless keywords (constraints, datapackage_metadata …): not strict.
const ajv = addFormats(new Ajv({ allErrors: true, strict: false }))
// The compiled tabular schema still refers to the entity schemas by file name.
for (const file of readdirSync(join(HSDS, 'schema')).filter(
  (f) => f.endsWith('.json') && f !== 'openapi.json',
))
  ajv.addSchema(JSON.parse(readFileSync(join(HSDS, 'schema', file), 'utf8')), file)

let t: TestApp
const cookies: Record<string, string> = {}
const orgOf: Record<string, string> = {}
const body = (res: { body: string }) => JSON.parse(res.body)

const resources = [
  {
    name: '退役军人康复训练中心',
    alternateName: '康复中心',
    description: '为伤残退役军人提供肢体康复训练、理疗和辅具适配。',
    keywords: ['理疗', '辅具'],
    url: 'https://kangfu.example.cn',
    resourceType: 'human',
    needCategories: ['rehabilitation', 'medical'],
    recipientCategories: ['demobilized', 'youfu_hospital'],
    ageMin: 18,
    ageMax: 90,
    districtCodes: ['510104', '510105'],
    requiredDocuments: ['残疾军人证', '身份证'],
    eligibilityNote: '需提供伤残等级证明',
    capacityTotal: 12,
    capacityAvailable: 5,
    capacityUnit: '人',
    scheduleRrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR',
    scheduleNote: '上午 9:00–11:30',
    costFen: 1250,
    costNote: '低保对象免费',
    languages: ['zh', 'en'],
    contactName: '王医生',
    contactPhone: '028-8765 4321',
    contactEmail: 'kangfu@example.cn',
    locations: [
      {
        name: '东大街院区',
        address: '成都市锦江区东大街 99 号',
        districtCode: '510104',
        latitude: 30.657,
        longitude: 104.083,
      },
      { address: '成都市青羊区人民中路 8 号', districtCode: '510105' },
    ],
  },
  {
    name: '邻里互助送餐',
    resourceType: 'material',
    source: 'neighbourhood',
    visibility: 'org',
    needCategories: ['living'],
    capacityTotal: 0,
    scheduleRrule: 'FREQ=DAILY',
  },
]

beforeAll(async () => {
  t = await testApp({ env: { AUTH_RATE_LIMIT: '10000' } })
  await t.app.searchReady()
  for (const w of ['partner.cd', 'partner.gs', 'orgadmin.cd']) {
    cookies[w] = await signIn(t.app, `${w}@demo.liandong.cn`)
    const me = body(await t.app.inject({ url: '/api/me', headers: { cookie: cookies[w] } }))
    orgOf[w] = me.memberships[0].orgId
  }
  await t.app.inject({
    method: 'PATCH',
    url: `/api/organizations/${orgOf['orgadmin.cd']}`,
    headers: { cookie: cookies['orgadmin.cd']! },
    payload: {
      website: 'https://agency.example.cn',
      yearIncorporated: 2012,
      licenceNumber: '川民社证字第 0012 号',
    },
  })
  for (const who of ['partner.cd', 'orgadmin.cd']) {
    for (const r of resources) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/organizations/${orgOf[who]}/resources`,
        headers: { cookie: cookies[who]! },
        payload: r,
      })
      expect(res.statusCode, res.body).toBe(201)
    }
  }
})
afterAll(() => t.close())

const download = (who: string, format: string) =>
  t.app.inject({
    url: `/api/organizations/${orgOf[who]}/resources/export?format=${format}`,
    headers: { cookie: cookies[who]! },
  })

async function importFile(who: string, format: string, content: Buffer) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/organizations/${orgOf[who]}/resource-imports`,
    headers: { cookie: cookies[who]! },
    payload: { format, content: content.toString('base64') },
  })
  expect(res.statusCode, res.body).toBe(202)
  for (;;) {
    const run = body(
      await t.app.inject({
        url: `/api/resource-imports/${body(res).id}`,
        headers: { cookie: cookies[who]! },
      }),
    )
    if (run.status !== 'running') return run
    await new Promise((r) => setTimeout(r, 25))
  }
}

const list = async (who: string) =>
  body(
    await t.app.inject({
      url: `/api/organizations/${orgOf[who]}/resources?limit=100`,
      headers: { cookie: cookies[who]! },
    }),
  ).items as Record<string, unknown>[]

/** What survives a round trip: everything but identity, owner and timestamps. */
const content = (r: Record<string, unknown>) => {
  const { id, orgId, orgName, createdAt, updatedAt, lastVerifiedAt, stale, locations, ...rest } = r
  return { ...rest, locations: (locations as Record<string, unknown>[]).map(({ id: _, ...l }) => l) }
}
const byName = (rows: Record<string, unknown>[]) =>
  Object.fromEntries(rows.map((r) => [r.name as string, content(r)]))

describe('HSDS export', () => {
  it('writes an organization with its services that validates against the compiled HSDS 3.0 schemas', async () => {
    const res = await download('orgadmin.cd', 'hsds-json')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('application/json')
    const doc = body(res)
    const validOrganization = ajv.compile(schemaOf('organization'))
    expect(validOrganization(doc), JSON.stringify(validOrganization.errors?.slice(0, 3))).toBe(true)
    const validService = ajv.compile(schemaOf('service'))
    for (const service of doc.services) {
      expect(validService(service), JSON.stringify(validService.errors?.slice(0, 3))).toBe(true)
    }
    expect(doc).toMatchObject({ website: 'https://agency.example.cn', year_incorporated: 2012 })
    expect(doc.organization_identifiers).toContainEqual(
      expect.objectContaining({ identifier_type: '执业许可证', identifier: '川民社证字第 0012 号' }),
    )
    const rehab = doc.services.find((s: { name: string }) => s.name === '退役军人康复训练中心')
    expect(rehab).toMatchObject({ status: 'inactive', minimum_age: 18, maximum_age: 90 })
    expect(rehab.service_at_locations[0].location).toMatchObject({
      external_identifier: '510104',
      external_identifier_type: 'GB/T 2260',
      latitude: 30.657,
    })
    expect(rehab.schedules[0]).toMatchObject({ freq: 'WEEKLY', byday: 'MO,WE,FR' })
    expect(rehab.cost_options[0]).toMatchObject({ currency: 'CNY', amount: 12.5 })
    // Exports are stable: the same data gives the same document.
    expect(body(await download('orgadmin.cd', 'hsds-json'))).toEqual(doc)
  })

  it('writes the tabular data package that validates against the compiled tabular schema', async () => {
    const res = await download('orgadmin.cd', 'hsds-datapackage')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/zip')
    const zip = await JSZip.loadAsync(res.rawPayload)
    const datapackage = JSON.parse(await zip.file('datapackage.json')!.async('string'))
    const spec = JSON.parse(readFileSync(join(HSDS, 'datapackage.json'), 'utf8'))
    const tabular: Record<string, Record<string, unknown>[]> = {}
    for (const resource of datapackage.resources) {
      // Each file has the specification's columns, in its order.
      const specFields = spec.resources.find((r: { name: string }) => r.name === resource.name).schema.fields
      expect(resource.schema.fields.map((f: { name: string }) => f.name)).toEqual(
        specFields.map((f: { name: string }) => f.name),
      )
      const types = Object.fromEntries(
        specFields.map((f: { name: string; type: string }) => [f.name, f.type]),
      )
      // An empty cell is an empty string where any string will do, and absent where the field is
      // typed (numbers, dates), formatted (uuid, uri, e-mail) or one of a list.
      const typed = new Set(
        specFields
          .filter(
            (f: { type: string; format?: string; constraints?: { enum?: unknown } }) =>
              f.type !== 'string' || f.format || f.constraints?.enum,
          )
          .map((f: { name: string }) => f.name),
      )
      const rows = parse(await zip.file(resource.path)!.async('string'), { columns: true }) as Record<
        string,
        string
      >[]
      tabular[resource.name] = rows.map((row) =>
        Object.fromEntries(
          Object.entries(row)
            .filter(([k, v]) => v !== '' || !typed.has(k))
            .map(([k, v]) => [k, types[k] === 'number' ? Number(v) : v]),
        ),
      )
    }
    const validTabular = ajv.compile(schemaOf('tabular'))
    expect(validTabular(tabular), JSON.stringify(validTabular.errors?.slice(0, 3))).toBe(true)
    expect(tabular.service).toHaveLength(2)
    expect(tabular.location).toHaveLength(2)
    expect(tabular.attribute!.length).toBeGreaterThan(10)
  })

  it('round-trips through HSDS JSON and the data package into another organization', async () => {
    const original = byName(await list('orgadmin.cd'))
    for (const [who, format] of [
      ['partner.gs', 'hsds-json'],
      ['partner.gs', 'hsds-datapackage'],
    ] as const) {
      const file = (await download('orgadmin.cd', format)).rawPayload
      const run = await importFile(who, format, file)
      expect(run, format).toMatchObject({ status: 'succeeded', imported: 2, errors: [] })
      const copied = byName(await list(who))
      for (const name of Object.keys(original)) {
        const { scheduleRrule, ...rest } = original[name] as Record<string, unknown>
        expect(copied[name], `${format} ${name}`).toMatchObject(rest)
        // HSDS has no DAILY frequency: every day of the week instead.
        expect((copied[name] as Record<string, unknown>).scheduleRrule).toBe(
          scheduleRrule === 'FREQ=DAILY' ? 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU' : scheduleRrule,
        )
      }
    }
  })
})

describe('CSV and XLSX export', () => {
  it('exports CSV with the template headers, which imports back as the same resources', async () => {
    const res = await download('partner.cd', 'csv')
    expect(res.statusCode).toBe(200)
    const text = res.rawPayload.toString('utf8')
    const template = (
      await t.app.inject({ url: '/api/resource-templates/csv', headers: { cookie: cookies['partner.cd']! } })
    ).rawPayload.toString('utf8')
    expect(text.split('\n')[0]).toBe(template.split('\n')[0])
    expect(text).toContain('康复；医疗')

    const before = byName(await list('partner.cd'))
    const run = await importFile('partner.cd', 'csv', res.rawPayload)
    expect(run).toMatchObject({ status: 'succeeded', imported: 2, errors: [] })
    // Same ids: the rows updated the resources, nothing was added.
    expect(byName(await list('partner.cd'))).toEqual(before)
    expect((await download('partner.cd', 'csv')).rawPayload.toString('utf8')).toBe(text)
  })

  it('round-trips XLSX into another organization', async () => {
    const res = await download('partner.cd', 'xlsx')
    expect(res.statusCode).toBe(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const sheet = workbook.getWorksheet('资源')!
    expect(sheet.getRow(1).getCell(2).text).toBe('名称')
    expect(sheet.rowCount).toBe(3)

    // Into a fresh database's organization: ids are taken here, so the other org gets new ones.
    const before = byName(await list('partner.cd'))
    const other = await testApp({ env: { AUTH_RATE_LIMIT: '10000' } })
    try {
      const cookie = await signIn(other.app, 'partner.gs@demo.liandong.cn')
      const me = body(await other.app.inject({ url: '/api/me', headers: { cookie } }))
      const orgId = me.memberships[0].orgId
      const started = await other.app.inject({
        method: 'POST',
        url: `/api/organizations/${orgId}/resource-imports`,
        headers: { cookie },
        payload: { format: 'xlsx', content: res.rawPayload.toString('base64') },
      })
      expect(started.statusCode).toBe(202)
      let run: { status: string; imported: number }
      do {
        await new Promise((r) => setTimeout(r, 25))
        run = body(
          await other.app.inject({ url: `/api/resource-imports/${body(started).id}`, headers: { cookie } }),
        )
      } while (run.status === 'running')
      expect(run).toMatchObject({ status: 'succeeded', imported: 2 })
      const copied = body(
        await other.app.inject({ url: `/api/organizations/${orgId}/resources`, headers: { cookie } }),
      )
      expect(byName(copied.items)).toEqual(before)
      const again = await other.app.inject({
        url: `/api/organizations/${orgId}/resources/export?format=xlsx`,
        headers: { cookie },
      })
      const second = new ExcelJS.Workbook()
      await second.xlsx.load(again.rawPayload as unknown as ArrayBuffer)
      const rows = (w: ExcelJS.Workbook) =>
        (w.getWorksheet('资源')!.getSheetValues() as unknown[][]).slice(1).map((r) => JSON.stringify(r))
      expect(rows(second)).toEqual(rows(workbook))
    } finally {
      await other.close()
    }
  })

  it('refuses other organizations and unknown formats', async () => {
    expect((await download('partner.gs', 'csv')).statusCode).toBe(200)
    const foreign = await t.app.inject({
      url: `/api/organizations/${orgOf['partner.cd']}/resources/export?format=csv`,
      headers: { cookie: cookies['partner.gs']! },
    })
    expect(foreign.statusCode).toBe(404)
    expect((await download('partner.cd', 'pdf')).statusCode).toBe(422)
  })
})
