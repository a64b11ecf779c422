// Server rendering (Next.js, Remix, renderToString): importing @finlet/react and rendering its
// components in Node must not touch the DOM. The elements render as their tags; they upgrade and
// load in the browser.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as Finlet from './index.js';
import { elementsOf, ROOT, readManifest } from './test/manifest.js';

describe('@finlet/react on the server', () => {
  it('has one component per element of the manifest, rendering its tag', () => {
    for (const element of elementsOf(readManifest())) {
      const component = (Finlet as Record<string, unknown>)[element.name];
      expect(component, element.name).toBeDefined();
      const html = renderToString(createElement(component as Parameters<typeof createElement>[0]));
      expect(html).toBe(`<${element.tagName}></${element.tagName}>`);
    }
  });

  it('renders a page with props, event handlers and children in Node', () => {
    const html = renderToString(
      createElement(
        Finlet.FinletProvider,
        { gateway: 'https://finlet.bank.example', locale: 'zh-CN', id: 'finlet' },
        createElement(Finlet.FinletOffers, {
          amount: '8000',
          termMonths: 12,
          className: 'offers',
          onFinletOfferSelect: (event) => event.detail.offerId,
        }),
      ),
    );
    expect(html).toBe(
      '<finlet-provider id="finlet"><finlet-offers class="offers"></finlet-offers></finlet-provider>',
    );
  });

  it('types the questionnaire: `focusStart` is a prop and the assessment event carries the level', () => {
    const html = renderToString(
      createElement(Finlet.FinletSuitability, {
        focusStart: true,
        onFinletAssessmentComplete: (event) => {
          expectTypeOf(event.detail.level).toEqualTypeOf<'C1' | 'C2' | 'C3' | 'C4' | 'C5'>();
        },
      }),
    );
    // Properties are set in the browser, where the element upgrades.
    expect(html).toBe('<finlet-suitability></finlet-suitability>');
  });

  it('imports and renders from the built package in a plain Node process', () => {
    const dist = join(ROOT, 'packages/react/dist/index.js');
    expect(existsSync(dist), 'packages/react/dist is missing: run `pnpm build`').toBe(true);
    const script = `
      import { createElement } from 'react';
      import { renderToString } from 'react-dom/server';
      import { FinletAdviceChat, FinletOffers, FinletProvider } from '@finlet/react';
      process.stdout.write(renderToString(createElement(FinletProvider, { locale: 'en' },
        createElement(FinletOffers, { amount: '8000' }), createElement(FinletAdviceChat))));`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: join(ROOT, 'packages/react'),
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      '<finlet-provider><finlet-offers></finlet-offers><finlet-advice-chat></finlet-advice-chat></finlet-provider>',
    );
  });
});
