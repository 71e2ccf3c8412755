/** The knowledge base shipped beside the bundle: `knowledge/rules/<id>.md`, read once, on first use. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

/** A rule page's front matter: what the registry's metadata must agree with (test/unit/rule-pages.test.ts). */
export interface RuleFrontMatter {
  id?: unknown; title?: unknown; severity?: unknown; 'opt-in'?: unknown;
  formats?: unknown; languages?: unknown; services?: unknown; references?: unknown;
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/;

/** Splits `---\n…\n---\n` off the top of a page; `meta` is undefined when there is none or it is not a mapping. */
export function splitFrontMatter(page: string): { meta?: RuleFrontMatter; body: string } {
  const m = FRONT_MATTER.exec(page);
  if (!m) return { body: page };
  let meta: unknown;
  try { meta = parse(m[1]); } catch { meta = undefined; }
  return { meta: meta && typeof meta === 'object' && !Array.isArray(meta) ? meta as RuleFrontMatter : undefined, body: page.slice(m[0].length) };
}

export class Knowledge {
  private readonly cache = new Map<string, string | undefined>();
  constructor(private readonly root: string) {}

  /** The markdown page of a rule, or undefined when it has none. */
  rule(id: string): string | undefined {
    if (!/^[a-z0-9-]+$/.test(id)) return undefined;
    if (!this.cache.has(id)) {
      let text: string | undefined;
      try { text = fs.readFileSync(path.join(this.root, 'rules', `${id}.md`), 'utf8'); } catch { text = undefined; }
      this.cache.set(id, text);
    }
    return this.cache.get(id);
  }

  /** The page's first paragraphs up to the first `##` after the title: what a hover can afford to show. */
  ruleSummary(id: string): string | undefined {
    const page = this.rule(id);
    if (!page) return undefined;
    const body = splitFrontMatter(page).body.replace(/^# .*\n+/, '');
    const cut = body.search(/\n## (How to fix|Example|When to suppress)/i);
    return (cut > 0 ? body.slice(0, cut) : body).trim();
  }
}

/** Finds `knowledge/` from the bundle (dist/..) or from the source tree (server/src/host/../../..). */
export function knowledgeRoot(fromDir: string): string {
  for (const candidate of [path.join(fromDir, '..', 'knowledge'), path.join(fromDir, '..', '..', '..', 'knowledge')]) {
    if (fs.existsSync(path.join(candidate, 'rules'))) return candidate;
  }
  return path.join(fromDir, '..', 'knowledge');
}
