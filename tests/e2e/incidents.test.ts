import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser, newContext, seriousViolations, signIn } from './browser.ts'

const baseUrl = inject('baseUrl')

describe.skipIf(!inject('chromium'))('emergency incidents: live alert to the supervisor', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it("a worker's report reaches the supervisor's open page at once, who logs the response and closes it", async () => {
    // The supervisor is somewhere else in the app, connected.
    const supervisorContext = await newContext(browser, baseUrl, { axe: true })
    const supervisor = await supervisorContext.newPage()
    const frames: string[] = []
    supervisor.on('websocket', (ws) => ws.on('framesent', (f) => frames.push(String(f.payload))))
    await signIn(supervisor, 'supervisor.cd@demo.liandong.cn')
    await supervisor.goto('/resources')
    await supervisor.waitForSelector('h1')
    await expect.poll(() => frames.some((f) => f.includes('"subscribe"') && f.includes('user:'))).toBe(true)

    // The worker reports in a second browser.
    const workerContext = await newContext(browser, baseUrl)
    const worker = await workerContext.newPage()
    await signIn(worker, 'worker.cd@demo.liandong.cn')
    await worker.goto('/incidents')
    await worker.getByText('报告突发事件').click()
    await worker.getByLabel('事件类型').selectOption('missing_person')
    await worker.getByLabel('严重程度').selectOption('serious')
    await worker.getByLabel('地点').fill('锦江区东门市井公园')
    await worker.getByLabel('经过').fill('参加活动的一位老人在公园走失，已分头寻找并报警。')
    await worker.getByRole('button', { name: '添加涉及人员' }).click()
    await worker.getByLabel('身份').selectOption('public')
    await worker.getByLabel('说明').fill('参加活动的老人，约 80 岁')
    await worker.getByRole('button', { name: '报告并通知督导' }).click()
    await worker.waitForURL(/\/incidents\/[0-9a-f-]{36}$/)

    // The banner arrives without a reload.
    const alert = supervisor.getByTestId('incident-alert')
    await alert.waitFor({ timeout: 15_000 })
    expect(await alert.innerText()).toContain('锦江区东门市井公园')
    expect(await seriousViolations(supervisor)).toEqual([])
    await alert.getByRole('link').click()
    await supervisor.waitForURL(/\/incidents\/[0-9a-f-]{36}$/)
    expect(await supervisor.getByTestId('incident-alert').count()).toBe(0)

    // Response log, then the closure review.
    await supervisor.getByLabel('内容').fill('已联系派出所和家属，调取公园监控。')
    await supervisor.getByRole('button', { name: '添加记录' }).click()
    await supervisor.getByText('已联系派出所和家属，调取公园监控。').waitFor()
    // The worker's page follows live.
    await worker.getByText('已联系派出所和家属，调取公园监控。').waitFor({ timeout: 15_000 })

    await supervisor.getByLabel('处置结果').fill('一小时后在公园东门找到老人，身体无碍，已送回家。')
    await supervisor.getByLabel('原因分析').fill('集合点不明确，没有为高龄老人安排结对志愿者。')
    await supervisor.getByLabel('改进措施').fill('户外活动为 75 岁以上老人安排一对一志愿者，并发放联系卡。')
    await supervisor.getByRole('button', { name: '结案', exact: true }).click()
    await supervisor.getByText('结案时间').waitFor()
    expect(await seriousViolations(supervisor)).toEqual([])
    await workerContext.close()
    await supervisorContext.close()
  })
})
