/**
 * The pipeline every front door calls: text → format parser → model → rules → findings (with fixes resolved to
 * edits, suppressions and severity settings applied). Knows nothing of LSP, the terminal or the file system.
 */
import type { FileError, FileResult, Finding, Fix, Severity, SourceFile, TextEdit } from './types';
import { LineIndex } from './text';
import { Grammars, type GrammarSource } from './grammars';
import { oversizeMessage, type ResolvedSettings } from './settings';
import { inferContext, UNKNOWN_CONTEXT, withOverrides, type WorkspaceContext } from './context';
import { isSuppressed, parseSuppressions } from './suppression';
import { formatFor, type FormatChoice } from '../formats';
import type { CommentSyntax, ParsedCode, ParsedInfra } from '../formats/format';
import type { IacModel } from '../model/iac';
import { ALL_RULES, docsUrl } from '../rules';
import type { Rule, RuleContext, RuleFinding } from '../rules/rule';
import type { FixIntent } from '../fixes/intents';

export interface FileAnalysis extends FileResult {
  /** The infrastructure model, when the file is a template: hosts feed it to the workspace context. */
  iac?: IacModel;
  /** The comment syntax of the file's format, for "disable" actions. */
  comments: CommentSyntax;
}

/** Binary files, or text we must not try to parse: NUL bytes in the first 8 KB. */
function looksBinary(text: string): boolean {
  return text.slice(0, 8192).includes('\u0000');
}

export class Analyzer {
  private readonly grammars: Grammars;

  constructor(source: GrammarSource) {
    this.grammars = new Grammars(source);
  }

  /** Which format a file would be read as, without reading it; undefined = cachelint ignores the file. */
  formatOf(file: Pick<SourceFile, 'path' | 'languageId'>): FormatChoice | undefined {
    return formatFor(file);
  }

  /** Whether a file whose first bytes are `head` may be relevant, so that bulk scans can skip the rest unread. */
  mayBeRelevant(path: string, head: string): boolean {
    const choice = formatFor({ path });
    return !!choice && (choice.kind === 'code' || choice.format.mayContain(head));
  }

  /**
   * Analyses one file. Returns undefined when the file is not relevant (not a template, unknown extension):
   * hosts skip it silently. Never throws on bad input; parse problems come back in `errors`.
   */
  async analyzeFile(file: SourceFile, settings: ResolvedSettings, context: WorkspaceContext = UNKNOWN_CONTEXT): Promise<FileAnalysis | undefined> {
    if (!settings.enable) return undefined;
    const choice = formatFor(file);
    if (!choice) return undefined;
    const comments = choice.kind === 'infra' ? choice.format.comments(file) : choice.format.comments;
    const skipped = (message: string): FileAnalysis => ({ path: file.path, format: choice.format.id, findings: [], errors: [{ message }], comments });
    const sizeKb = file.text.length / 1024;
    if (sizeKb > settings.maxFileSizeKb) {
      return skipped(oversizeMessage(file.text.length, settings.maxFileSizeKb));
    }
    if (looksBinary(file.text)) return skipped('skipped: the file looks binary (it contains NUL bytes)');

    const lines = new LineIndex(file.text);
    try {
      for (const g of choice.format.grammars(file)) await this.grammars.ensure(g);
    } catch (e) {
      return skipped(`cannot load the parser: ${(e as Error).message}`);
    }

    let parsed: ParsedInfra | ParsedCode | undefined;
    try {
      parsed = choice.format.parse(file, lines, this.grammars);
    } catch (e) {
      // A parser bug must cost one file, not the server, nor the files after it.
      for (const g of choice.format.grammars(file)) this.grammars.reset(g);
      return skipped(`the parser failed on this file (${(e as Error).message}); it was skipped. Pathologically deep nesting is the usual cause.`);
    }
    if (!parsed) return undefined;

    const ctx: RuleContext = { path: file.path, settings, workspace: withOverrides(context, settings.context) };
    const suppressions = parseSuppressions(lines, comments);
    const findings: Finding[] = [];
    const errors: FileError[] = [...parsed.errors];
    for (const rule of ALL_RULES) {
      const severitySetting = settings.rules[rule.meta.id] ?? rule.meta.aliases?.map((a) => settings.rules[a]).find(Boolean);
      if (severitySetting === 'off') continue;
      let raw: RuleFinding<FixIntent>[];
      try {
        raw = runRule(rule, parsed, ctx);
      } catch (e) {
        errors.push({ message: `rule ${rule.meta.id} failed: ${(e as Error).message}` });
        continue;
      }
      for (const f of raw) {
        if (isSuppressed(suppressions, [rule.meta.id, ...(rule.meta.aliases ?? [])], f.range.start.line)) continue;
        const severity: Severity = severitySetting ?? f.severity ?? rule.meta.defaultSeverity;
        findings.push({
          ruleId: rule.meta.id,
          severity,
          message: f.message,
          range: f.range,
          docs: docsUrl(rule.meta.id),
          fixes: resolveFixes(parsed, f),
        });
      }
    }
    findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId));
    const result: FileAnalysis = { path: file.path, format: choice.format.id, findings, errors, comments };
    if (choice.kind === 'infra') result.iac = (parsed as ParsedInfra).model;
    return result;
  }

  /**
   * Analyses a set of files as one workspace: templates first, so that the code rules know what the
   * infrastructure declares (cluster mode, serverless, MemoryDB, TLS).
   */
  async analyzeWorkspace(
    files: SourceFile[], settings: ResolvedSettings | ((file: SourceFile) => ResolvedSettings),
  ): Promise<{ results: FileAnalysis[]; context: WorkspaceContext }> {
    const settingsOf = typeof settings === 'function' ? settings : () => settings;
    const infra: FileAnalysis[] = [];
    const code: SourceFile[] = [];
    for (const file of files) {
      const choice = formatFor(file);
      if (!choice) continue;
      if (choice.kind === 'code') { code.push(file); continue; }
      const r = await this.analyzeFile(file, settingsOf(file));
      if (r) infra.push(r);
    }
    const context = inferContext(infra.filter((r) => r.iac).map((r) => ({ path: r.path, model: r.iac! })));
    const results = [...infra];
    for (const file of code) {
      const r = await this.analyzeFile(file, settingsOf(file), context);
      if (r) results.push(r);
    }
    const order = new Map(files.map((f, i) => [f.path, i]));
    results.sort((a, b) => order.get(a.path)! - order.get(b.path)!);
    return { results, context };
  }
}

function runRule(rule: Rule, parsed: ParsedInfra | ParsedCode, ctx: RuleContext): RuleFinding<FixIntent>[] {
  const model = parsed.model;
  if (rule.target === 'iac') return 'resources' in model ? rule.check(model, ctx) : [];
  return 'calls' in model ? rule.check(model, ctx) : [];
}

function resolveFixes(parsed: ParsedInfra | ParsedCode, finding: RuleFinding<FixIntent>): Fix[] {
  const fixes: Fix[] = [];
  for (const proposed of finding.fixes ?? []) {
    let edits: TextEdit[] | undefined;
    try {
      edits = (parsed.buildEdits as (i: FixIntent) => TextEdit[] | undefined)(proposed.intent);
    } catch {
      edits = undefined; // no safe edit: the finding stands without this fix
    }
    if (edits && edits.length) fixes.push({ title: proposed.title, edits, isPreferred: proposed.isPreferred, unattended: proposed.unattended });
  }
  return fixes;
}

