import { accountsRepo } from '@liandong/db'
import { hashPassword } from '../auth/passwords.ts'
import { checkPasswordStrength } from '../modules/auth/auth.service.ts'
import { openDatabase } from './open-database.ts'

export async function createAdmin(options: { email: string; name: string; password?: string }) {
  const password = options.password ?? process.env.LIANDONG_ADMIN_PASSWORD
  const { database } = await openDatabase()
  try {
    await database.migrate()
    const repo = accountsRepo(database.db)
    const existing = await repo.findUserByEmail(options.email)
    if (existing) {
      await repo.updateUser(existing.id, { platformRole: 'platform_admin' })
      console.log(`${options.email} is now a platform admin.`)
      return
    }
    if (!password) throw new Error('Pass --password or set LIANDONG_ADMIN_PASSWORD for a new account.')
    checkPasswordStrength(password)
    await repo.createUser({
      email: options.email,
      displayName: options.name,
      passwordHash: await hashPassword(password),
      platformRole: 'platform_admin',
    })
    console.log(
      `Platform admin ${options.email} created. They must enrol in two-step verification at first sign-in.`,
    )
  } catch (error) {
    console.error(
      (error as Error).message === 'field.weak_password'
        ? 'Password too weak: at least 10 characters of two kinds.'
        : (error as Error).message,
    )
    process.exitCode = 1
  } finally {
    await database.close()
  }
}
