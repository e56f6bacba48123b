import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The running local stack, from the state file it writes (`MYPAGES_STATE_FILE`). */
export interface StackState {
  baseUrl: string;
  endpoint: string;
  [key: string]: unknown;
}

export function stackState(): StackState {
  const file = process.env.MYPAGES_STATE_FILE;
  if (!file) throw new Error('MYPAGES_STATE_FILE must name the running local stack\'s state file (infra/test.sh sets it)');
  return JSON.parse(readFileSync(file, 'utf8')) as StackState;
}

/** Where the app is served: the `web` function on the local stack, or `MYPAGES_APP_URL`. */
export function appUrl(path = ''): string {
  const root = process.env.MYPAGES_APP_URL ?? `${stackState().baseUrl}/app/`;
  return new URL(path.replace(/^\//, ''), root.endsWith('/') ? root : `${root}/`).toString();
}

export interface User {
  email: string;
  password: string;
  /** The password that replaces the temporary one at the first sign-in. */
  newPassword: string;
  /** The TOTP secret once enrolled (read from the enrolment screen). */
  totpSecret?: string;
}

export interface Company {
  id: string;
  name: string;
  admin: User;
}

/**
 * A fresh company with its first admin, made the way our staff make one: `mypages-cli --local
 * company create` (the operator CLI, `MYPAGES_CLI`). The admin's password is temporary: the
 * first sign-in asks for a new one.
 */
export function newCompany(name = `E2E ${randomUUID().slice(0, 8)} AB`): Company {
  const cli = process.env.MYPAGES_CLI;
  if (!cli) throw new Error('MYPAGES_CLI must name the built mypages-cli binary (infra/test.sh sets it)');
  const tag = randomUUID().replace(/-/g, '').slice(0, 12);
  const admin: User = {
    email: `admin-${tag}@e2e.example`,
    password: `Temp-${tag}-Aa1!`,
    newPassword: `Chosen-${tag}-Bb2!`,
  };
  const out = execFileSync(
    cli,
    ['--local', '--json', 'company', 'create', name, '--admin', admin.email, '--password', admin.password],
    { encoding: 'utf8', env: { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'eu-north-1', ...process.env } },
  );
  const created = JSON.parse(out) as { id: string; name: string };
  return { id: created.id, name: created.name, admin };
}
