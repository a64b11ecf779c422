#!/usr/bin/env node
import { main } from '../dist/index.js';

// A reader that goes away early (`finlet … --help | head -1`) ends the output, not the command:
// exit quietly as a Unix tool does, rather than with an unhandled EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`finlet: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
