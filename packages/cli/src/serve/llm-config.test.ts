import { describe, expect, it } from 'vitest';
import type { CliIo } from '../internal/io.js';
import { deploymentConfig } from './serve.js';

const io = (env: Record<string, string>) => ({ env }) as unknown as CliIo;

describe('deploymentConfig: the optional chat model', () => {
  it('configures an OpenAI-compatible model from the environment', () => {
    expect(
      deploymentConfig(
        io({
          FINLET_LLM_BASE_URL: 'http://127.0.0.1:11434/v1',
          FINLET_LLM_MODEL: 'qwen2.5:7b',
          FINLET_LLM_API_KEY: 'sk-x',
          FINLET_LLM_TIMEOUT_MS: '5000',
        }),
      ).chat,
    ).toEqual({
      llm: { baseURL: 'http://127.0.0.1:11434/v1', model: 'qwen2.5:7b', apiKey: 'sk-x', timeoutMs: 5000 },
    });
  });
  it('leaves the built-in advisor alone without a base URL and model', () => {
    expect(deploymentConfig(io({ FINLET_LLM_MODEL: 'x' })).chat).toBeUndefined();
  });
});

describe('deploymentConfig: slow clients', () => {
  it('reads the timeouts, the per-client cap and trusted proxies from the environment', () => {
    expect(
      deploymentConfig(
        io({
          FINLET_HEADERS_TIMEOUT_MS: '5000',
          FINLET_REQUEST_TIMEOUT_MS: '20000',
          FINLET_MAX_CONNECTIONS_PER_CLIENT: '16',
          FINLET_TRUSTED_PROXIES: '10.0.0.5, 10.1.0.0/16',
        }),
      ).connections,
    ).toEqual({
      headersTimeoutMs: 5000,
      requestTimeoutMs: 20000,
      maxPerClient: 16,
      trustedProxies: ['10.0.0.5', '10.1.0.0/16'],
    });
    expect(deploymentConfig(io({})).connections).toBeUndefined();
  });
  it('refuses malformed values with one line naming the variable', () => {
    expect(() => deploymentConfig(io({ FINLET_REQUEST_TIMEOUT_MS: '30s' }))).toThrow(
      /^FINLET_REQUEST_TIMEOUT_MS must be a whole number above 0, got "30s"$/,
    );
    expect(() => deploymentConfig(io({ FINLET_TRUSTED_PROXIES: 'proxy.internal' }))).toThrow(
      /FINLET_TRUSTED_PROXIES: "proxy.internal" is not an IP address/,
    );
  });
});

describe('deploymentConfig: webhooks to a receiver on the same host', () => {
  it('allows loopback endpoints only when FINLET_WEBHOOKS_ALLOW_LOOPBACK is 1', () => {
    expect(deploymentConfig(io({ FINLET_WEBHOOKS_ALLOW_LOOPBACK: '1' })).webhooks).toEqual({
      allowLoopback: true,
    });
    expect(deploymentConfig(io({ FINLET_WEBHOOKS_ALLOW_LOOPBACK: '0' })).webhooks).toBeUndefined();
    expect(deploymentConfig(io({})).webhooks).toBeUndefined();
    expect(() => deploymentConfig(io({ FINLET_WEBHOOKS_ALLOW_LOOPBACK: 'yes' }))).toThrow(
      /^FINLET_WEBHOOKS_ALLOW_LOOPBACK must be 1 or 0, got "yes"$/,
    );
  });
});

describe('deploymentConfig: the webhook worker', () => {
  it('reads the worker switch, timeout, lease margin and concurrency', () => {
    expect(
      deploymentConfig(
        io({
          FINLET_WEBHOOKS_WORKER: '0',
          FINLET_WEBHOOKS_TIMEOUT_MS: '5000',
          FINLET_WEBHOOKS_LEASE_MARGIN_MS: '2000',
          FINLET_WEBHOOKS_CONCURRENCY: '4',
        }),
      ).webhooks,
    ).toEqual({ worker: false, timeoutMs: 5000, leaseMarginMs: 2000, concurrency: 4 });
    expect(deploymentConfig(io({ FINLET_WEBHOOKS_WORKER: '1' })).webhooks).toBeUndefined();
    expect(deploymentConfig(io({})).webhooks).toBeUndefined();
  });
  it('refuses a value out of range with one line naming the variable and the range', () => {
    expect(() => deploymentConfig(io({ FINLET_WEBHOOKS_LEASE_MARGIN_MS: '30s' }))).toThrow(
      /^FINLET_WEBHOOKS_LEASE_MARGIN_MS must be a whole number from 1000 to 3600000, got "30s"$/,
    );
    expect(() => deploymentConfig(io({ FINLET_WEBHOOKS_CONCURRENCY: '0' }))).toThrow(/from 1 to 256/);
    expect(() => deploymentConfig(io({ FINLET_WEBHOOKS_WORKER: 'no' }))).toThrow(
      /^FINLET_WEBHOOKS_WORKER must be 1 or 0, got "no"$/,
    );
  });
});
