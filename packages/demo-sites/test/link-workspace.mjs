// Test-only: lets a `finlet dev` child process import workspace packages that `pnpm install` has not
// linked yet (@finlet/demo-sites from the CLI, @finlet/node from the demo sites), from their built
// dist. It only acts when normal resolution fails, so once the workspace is linked it does nothing.
import { register } from 'node:module';
import { fileURLToPath } from 'node:url';

const packages = fileURLToPath(new URL('../../', import.meta.url));
const hook = `
const packages = ${JSON.stringify(packages)};
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    const match = /^@finlet\\/([a-z-]+)$/.exec(specifier);
    if (!match || error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    return next('file://' + packages + match[1] + '/dist/index.js', context);
  }
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
