import { Locale } from '@finlet/contracts';
import { Argument, Command, Option } from 'commander';
import { usageError } from '../internal/errors.js';
import { type CliIo, Output } from '../internal/io.js';

interface PlaceholderOptions {
  locale?: Locale;
  mode?: 'standard' | 'elder';
  nonce?: string;
  json?: boolean;
}

/**
 * `finlet placeholder <tag>`: the HTML a server puts inside the element's tag so it paints with
 * the page (`finletPlaceholder` of `@finlet/widgets/placeholder`), for servers not written in
 * JavaScript: paste it into the page's template, with the template's own nonce.
 */
export function placeholderCommand(io: CliIo): Command {
  return new Command('placeholder')
    .description("print an element's server-rendered placeholder, to put inside its tag")
    .addArgument(new Argument('<tag>', 'the element, e.g. finlet-offers'))
    .addOption(new Option('--locale <locale>', "the element's locale").choices(Locale.options))
    .addOption(new Option('--mode <mode>', 'elder mode').choices(['standard', 'elder']))
    .option(
      '--nonce <nonce>',
      "the page's CSP nonce for styles, e.g. a template expression like {{cspNonce}}",
    )
    .option('--json', 'print {"tag","html"} as JSON')
    .action(async (tag: string, options: PlaceholderOptions) => {
      const out = new Output(io, options.json === true);
      const { finletPlaceholder, PLACEHOLDER_TAGS } = await import('@finlet/widgets/placeholder');
      if (!(PLACEHOLDER_TAGS as readonly string[]).includes(tag)) {
        throw usageError(`no placeholder for <${tag}>; one of ${PLACEHOLDER_TAGS.join(', ')}`);
      }
      const html = finletPlaceholder(tag as (typeof PLACEHOLDER_TAGS)[number], options);
      out.result({ tag, html });
      out.line(html);
    });
}
