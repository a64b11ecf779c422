import { describe, expect, it } from 'vitest';
import { run } from '../test/run.js';

describe('finlet placeholder', () => {
  it("prints the element's placeholder with the template's nonce expression, or as JSON", async () => {
    const plain = await run(['placeholder', 'finlet-offers', '--locale', 'en', '--nonce', '{{cspNonce}}']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^<template shadowrootmode="open"><style nonce="\{\{cspNonce\}\}">/);
    expect(plain.stdout).toContain('<h2 id="title">Financing for you</h2>');
    expect(plain.stdout.trimEnd().endsWith('</template>')).toBe(true);

    const json = await run(['placeholder', 'finlet-offers', '--mode', 'elder', '--json']);
    expect(json.code).toBe(0);
    const { tag, html } = JSON.parse(json.stdout) as { tag: string; html: string };
    expect(tag).toBe('finlet-offers');
    expect(html).toContain('class="base elder"');
    expect(html).toContain('<h2 id="title">为您推荐的金融服务</h2>');
  });

  it('refuses an element it has no placeholder for in one line, exit 2', async () => {
    const result = await run(['placeholder', 'finlet-chat']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('no placeholder for <finlet-chat>; one of finlet-offers');
  });
});
