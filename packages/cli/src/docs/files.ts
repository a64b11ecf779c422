import { extname } from 'node:path';
import { KnowledgeDocumentContent, knowledgeFromMarkdown, splitFrontMatter } from '@finlet/contracts';
import { parse } from 'yaml';
import { expandInputs, readInput } from '../internal/inputs.js';

export interface DocProblem {
  file: string;
  path: string;
  message: string;
}

export interface LoadedDoc {
  file: string;
  content: KnowledgeDocumentContent;
}

export interface DocFilesReport {
  files: string[];
  docs: LoadedDoc[];
  problems: DocProblem[];
}

const DOC_EXTENSIONS = { names: new Set(['.md', '.markdown', '.json']), words: '.md or .json' };

export function formatDocProblem(p: DocProblem): string {
  return p.path ? `${p.file}: ${p.path}: ${p.message}` : `${p.file}: ${p.message}`;
}

/**
 * Reads knowledge documents: Markdown with front matter (`id`, `kind`, `scenarios`,
 * `productTypes`, `tags`, `title: { zh-CN, en }`, then `## zh-CN` and `## en` sections) or JSON
 * (one document, or `{ "documents": [...] }`); a directory means its .md and .json files.
 * Every document is validated with the contract; nothing talks to a gateway.
 */
export async function loadDocFiles(inputs: readonly string[], cwd: string): Promise<DocFilesReport> {
  const report: DocFilesReport = { files: [], docs: [], problems: [] };
  for await (const { absolute, display } of expandInputs(inputs, cwd, DOC_EXTENSIONS, report.problems))
    await loadFile(absolute, display, report);
  const seen = new Map<string, string>();
  for (const doc of report.docs) {
    const first = seen.get(doc.content.id);
    if (first)
      report.problems.push({
        file: doc.file,
        path: 'id',
        message: `duplicate id ${doc.content.id} (also in ${first})`,
      });
    else seen.set(doc.content.id, doc.file);
  }
  return report;
}

async function loadFile(absolute: string, display: string, report: DocFilesReport): Promise<void> {
  const text = await readInput({ absolute, display: display }, report);
  if (text === undefined) return;
  let raw: unknown[];
  let listed = false;
  const markdown = extname(absolute) !== '.json';
  try {
    if (extname(absolute) === '.json') {
      const parsed = JSON.parse(text) as unknown;
      listed =
        !!parsed && typeof parsed === 'object' && 'documents' in parsed && Array.isArray(parsed.documents);
      raw = listed ? (parsed as { documents: unknown[] }).documents : [parsed];
    } else {
      const { frontMatter, body } = splitFrontMatter(text);
      if (!frontMatter) {
        report.problems.push({
          file: display,
          path: '',
          message: 'no front matter (--- id: … ---) at the top',
        });
        return;
      }
      raw = [knowledgeFromMarkdown(parse(frontMatter), body)];
    }
  } catch (error) {
    report.problems.push({
      file: display,
      path: '',
      message: `cannot parse: ${(error as Error).message.split('\n')[0]}`,
    });
    return;
  }
  raw.forEach((entry, i) => {
    const parsed = KnowledgeDocumentContent.safeParse(entry);
    if (parsed.success) {
      report.docs.push({ file: display, content: parsed.data });
      return;
    }
    for (const issue of parsed.error.issues) {
      const inner = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      // One problem per unknown key, each at its own path.
      const located =
        issue.code === 'unrecognized_keys'
          ? issue.keys.map((key) => ({ at: [...inner, key], message: 'unknown field' }))
          : [{ at: inner, message: issue.message }];
      for (const { at, message } of located) {
        const path = markdown ? markdownPath(at) : [...(listed ? ['documents', i] : []), ...at].join('.');
        report.problems.push({ file: display, path, message });
      }
    }
  });
}

/** Where a Markdown document holds a field: titles in the front matter, bodies in `## <locale>`. */
function markdownPath(path: readonly (string | number)[]): string {
  const [first, locale, field] = path;
  if (first === 'texts' && typeof locale === 'string' && field === 'title') return `title.${locale}`;
  if (first === 'texts' && typeof locale === 'string' && field === 'body') return `## ${locale} section`;
  return path.join('.');
}
