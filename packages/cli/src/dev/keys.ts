import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AdminRole } from '@finlet/contracts';
import type { Store } from '@finlet/gateway';
import { z } from 'zod';
import { loadGateway } from '../internal/gateway.js';
import type { DemoPartner } from './demo.js';

/**
 * The keys `finlet dev` generated, kept next to the dev database so a restart prints the same ones.
 * Secrets are stored only as hashes in the database, so this file is the only copy: mode 0600.
 */
export const DevKeys = z.object({
  admins: z.partialRecord(AdminRole, z.object({ id: z.string(), name: z.string(), apiKey: z.string() })),
  partners: z.record(
    z.string(),
    z.object({ id: z.string(), name: z.string(), secretKey: z.string(), webhookSecret: z.string() }),
  ),
});
export type DevKeys = z.infer<typeof DevKeys>;

export const DEV_KEYS_FILE = 'dev-keys.json';

const ADMIN_NAMES: Record<AdminRole, string> = {
  author: 'Dev author',
  approver: 'Dev approver',
  reviewer: 'Dev reviewer',
  agent: 'Dev agent',
  admin: 'Dev admin',
};

export async function readDevKeys(dataDir: string): Promise<DevKeys> {
  try {
    const parsed = DevKeys.safeParse(JSON.parse(await readFile(join(dataDir, DEV_KEYS_FILE), 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {}
  // Missing or unreadable: start over; keys that no longer match the database are replaced anyway.
  return { admins: {}, partners: {} };
}

async function writeDevKeys(dataDir: string, keys: DevKeys): Promise<void> {
  const file = join(dataDir, DEV_KEYS_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  await chmod(temp, 0o600);
  await rename(temp, file);
}

/**
 * Makes sure one admin key per role and every demo partner exist, reusing those recorded in
 * dev-keys.json when the database still has them. Returns the keys and what was created now.
 */
export async function ensureDevKeys(
  store: Store,
  dataDir: string,
  partners: readonly DemoPartner[],
): Promise<{ keys: DevKeys; created: string[] }> {
  const { createAdminKey, createPartner } = await loadGateway();
  const keys = await readDevKeys(dataDir);
  const created: string[] = [];
  for (const role of AdminRole.options) {
    const known = keys.admins[role];
    const record = known ? await store.adminKeys.get(known.id) : undefined;
    if (known && record && record.revokedAt === null && record.identity.role === role) continue;
    const made = await createAdminKey(store, { name: ADMIN_NAMES[role], role });
    keys.admins[role] = { id: made.admin.id, name: made.admin.name, apiKey: made.apiKey };
    created.push(`admin key ${role}`);
  }
  for (const demo of partners) {
    const known = keys.partners[demo.handle];
    if (known && (await store.partners.get(known.id))) continue;
    const made = await createPartner(store, demo.partner);
    keys.partners[demo.handle] = {
      id: made.partner.id,
      name: made.partner.name,
      secretKey: made.secretKey,
      webhookSecret: made.webhookSecret,
    };
    created.push(`partner ${demo.handle}`);
  }
  await writeDevKeys(dataDir, keys);
  return { keys, created };
}
