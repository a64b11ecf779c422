import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { ForbiddenAddressError, forbiddenReason } from './address.js';

export interface DeliveryResult {
  ok: boolean;
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
}

/**
 * A DNS lookup that refuses forbidden addresses at connection time, so a host that resolved to a
 * public address at registration cannot be re-pointed at the gateway's network later (DNS rebinding).
 */
function guardedLookup(allowLoopback: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const list = addresses as unknown as LookupAddress[];
      for (const a of list) {
        const reason = forbiddenReason(a.address, { allowLoopback });
        if (reason) return callback(new ForbiddenAddressError(reason), '', 4);
      }
      if ((options as { all?: boolean }).all)
        return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      const first = list[0];
      if (!first) return callback(new Error(`${hostname} has no address`), '', 4);
      callback(null, first.address, first.family);
    });
  };
}

/**
 * POSTs one signed webhook. Never follows redirects (a 3xx is a failed attempt), gives up after
 * `timeoutMs` in total, and reads at most 4 KiB of the answer.
 */
export function postWebhook(input: {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  allowLoopback: boolean;
}): Promise<DeliveryResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (result: Omit<DeliveryResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, durationMs: elapsed() });
    };
    let url: URL;
    try {
      url = new URL(input.url);
    } catch {
      finish({ ok: false, httpStatus: null, error: 'invalid URL' });
      return;
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    // An IP literal skips DNS: judge it here.
    const literal = forbiddenReason(host, { allowLoopback: input.allowLoopback });
    if (/^[\d.]+$|:/.test(host) && literal) {
      finish({ ok: false, httpStatus: null, error: literal });
      return;
    }
    const transport = url.protocol === 'https:' ? https : http;
    const request = transport.request(
      url,
      {
        method: 'POST',
        headers: {
          ...input.headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(input.body),
          'user-agent': 'finlet-webhooks/1',
        },
        lookup: guardedLookup(input.allowLoopback),
        agent: false,
      },
      (response) => {
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > 4096) response.destroy();
        });
        const done = () => {
          const status = response.statusCode ?? 0;
          const ok = status >= 200 && status < 300;
          finish({ ok, httpStatus: status, error: ok ? null : `HTTP ${status}` });
        };
        response.on('end', done);
        response.on('close', done);
        response.on('error', done);
      },
    );
    // The lookup above judged what DNS answered; this judges the peer the socket really reached,
    // whatever path (a proxy-less agent, happy eyeballs, a cached address) led there.
    request.on('socket', (socket) => {
      socket.once('connect', () => {
        const reason = socket.remoteAddress
          ? forbiddenReason(socket.remoteAddress, { allowLoopback: input.allowLoopback })
          : 'no peer address';
        if (reason) request.destroy(new ForbiddenAddressError(reason));
      });
    });
    timer = setTimeout(() => {
      request.destroy(new Error(`timed out after ${input.timeoutMs} ms`));
    }, input.timeoutMs);
    request.on('error', (error) =>
      finish({ ok: false, httpStatus: null, error: error.message.slice(0, 300) }),
    );
    request.end(input.body);
  });
}
