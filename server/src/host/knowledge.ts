/** The knowledge base shipped beside the bundle: `knowledge/rules/<id>.md`, read once, on first use. */
import * as fs from 'node:fs';
import * as path from 'node:path';

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
    const body = page.replace(/^# .*\n+/, '');
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
