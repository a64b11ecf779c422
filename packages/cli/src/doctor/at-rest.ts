import { loadGateway } from '../internal/gateway.js';
import type { CliIo } from '../internal/io.js';
import { resolveStoreLocation, type SettingOptions } from '../internal/settings.js';
import { masterKeySource, open, reason } from '../internal/store.js';
import type { CheckResult } from './checks.js';

const GENERATE =
  'set FINLET_MASTER_KEY to 32 random bytes (`openssl rand -base64 32`), or FINLET_MASTER_KEY_FILE to a file holding them';

/**
 * The bank's side of the set-up, run when doctor is pointed at the gateway's database (a data dir
 * or database URL): who may read the data dir, whether a master key seals the secrets, and whether
 * every sealed secret opens with the key given. Never prints a secret or the master key.
 */
export async function atRestChecks(options: SettingOptions, io: CliIo): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const location = resolveStoreLocation(options, io);
  const { looseDataDirModes, SecretSealer } = await loadGateway();
  if ('dataDir' in location) {
    const loose = looseDataDirModes(location.dataDir);
    results.push(
      loose.length === 0
        ? { id: 'data-dir', status: 'pass', message: `${location.dataDir} is readable by its owner only` }
        : {
            id: 'data-dir',
            status: 'warn',
            message: loose.join('; '),
            fix: 'the database holds webhook secrets: keep the directory 0700 and its files 0600',
          },
    );
  }

  let keyId: string | undefined;
  try {
    keyId = SecretSealer.from(masterKeySource(io)).keyId;
  } catch (error) {
    results.push({ id: 'master-key', status: 'fail', message: reason(error), fix: GENERATE });
    return results;
  }
  results.push(
    keyId === undefined
      ? {
          id: 'master-key',
          status: 'warn',
          message: 'no master key: the signing private key and webhook secrets are stored in clear',
          fix: `${GENERATE}, then restart the gateway (it seals existing secrets on start)`,
        }
      : { id: 'master-key', status: 'pass', message: `master key ${keyId} configured` },
  );

  let opened: Awaited<ReturnType<typeof open>>;
  try {
    opened = await open(options, io);
  } catch (error) {
    results.push({
      id: 'secrets',
      status: 'fail',
      message: reason(error),
      fix: 'check --data-dir / --database-url',
    });
    return results;
  }
  try {
    const report = await opened.store.secrets.inspect();
    const first = report.unreadable[0];
    if (first) {
      results.push({
        id: 'secrets',
        status: 'fail',
        message: `${report.unreadable.length} stored secret${report.unreadable.length === 1 ? '' : 's'} cannot be opened: ${first.message}`,
        fix: first.keyId
          ? `set FINLET_MASTER_KEY to the master key with id ${first.keyId}, the one the gateway runs with`
          : 'restore the damaged rows from a backup',
      });
    } else if (keyId !== undefined && report.clear > 0) {
      results.push({
        id: 'secrets',
        status: 'warn',
        message: `${report.clear} secret${report.clear === 1 ? ' is' : 's are'} still stored in clear (${report.sealed} sealed)`,
        fix: 'start the gateway with this master key: it seals them on start',
      });
    } else {
      results.push({
        id: 'secrets',
        status: 'pass',
        message:
          keyId === undefined
            ? `${report.clear} secrets stored, none sealed`
            : `all ${report.sealed} stored secrets open with master key ${keyId}`,
      });
    }
  } finally {
    await opened.store.close().catch(() => {});
  }
  return results;
}
