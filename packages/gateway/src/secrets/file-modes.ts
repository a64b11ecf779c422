import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Warnings for a data directory (SQLite database, its -wal/-shm, dev keys) that group or others may
 * read: the database holds webhook secrets and, without a master key, the signing key in clear.
 * New installs create the directory 0700 and files 0600; this catches ones created before that,
 * or loosened by hand. Empty when all is tight, the directory is missing, or on Windows (no modes).
 */
export function looseDataDirModes(dataDir: string): string[] {
  if (process.platform === 'win32') return [];
  let dirMode: number;
  try {
    dirMode = statSync(dataDir).mode;
  } catch {
    return [];
  }
  const warnings: string[] = [];
  if (dirMode & 0o077) {
    warnings.push(`data directory ${dataDir} has mode ${octal(dirMode)}; run \`chmod 700 ${dataDir}\``);
  }
  for (const name of readdirSync(dataDir)) {
    const path = join(dataDir, name);
    const stats = statSync(path, { throwIfNoEntry: false });
    if (!stats?.isFile() || !(stats.mode & 0o077)) continue;
    warnings.push(`${path} has mode ${octal(stats.mode)}; run \`chmod 600 ${path}\``);
  }
  return warnings;
}

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;
