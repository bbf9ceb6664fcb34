import { randomBytes } from 'node:crypto'
import { createDb } from '@liandong/db'
import postgres from 'postgres'
import type { TestProject } from 'vitest/node'

export const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string
    pgAdminUrl: string
  }
}

export const withDatabase = (url: string, name: string) => {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

/**
 * One migrated template database per run; each test file clones it (CREATE DATABASE … TEMPLATE),
 * which takes milliseconds. Everything this run made is dropped at the end.
 */
export default async function setup(project: TestProject) {
  const run = `liandong_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`
  const template = `${run}_tpl`
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${template}`)
  const db = await createDb({ url: withDatabase(adminUrl, template), maxConnections: 1 })
  await db.migrate()
  await db.close()
  project.provide('pgTemplate', template)
  project.provide('pgAdminUrl', adminUrl)
  return async () => {
    const rows = await admin<
      { datname: string }[]
    >`select datname from pg_database where datname like ${`${run}%`}`
    for (const { datname } of rows) await admin.unsafe(`drop database if exists ${datname} with (force)`)
    await admin.end()
  }
}
