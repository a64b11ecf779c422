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
