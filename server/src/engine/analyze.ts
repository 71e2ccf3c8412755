/**
 * The pipeline every front door calls: text → format parser → model → rules → findings (with fixes resolved to
 * edits, suppressions and severity settings applied). Knows nothing of LSP, the terminal or the file system.
 */
import type { FileError, FileResult, Finding, Fix, Severity, SourceFile, TextEdit } from './types';
import { LineIndex } from './text';
import { Grammars, type GrammarSource } from './grammars';
import { oversizeMessage, severitySettingOf, type ResolvedSettings } from './settings';
import { cachesOf, contextFromCaches, UNKNOWN_CONTEXT, withOverrides, type CacheFact, type WorkspaceContext } from './context';
import { isSuppressed, parseSuppressions } from './suppression';
import { generatedReason } from './generated';
import { formatFor } from '../formats';
import type { CommentSyntax, ParsedCode, ParsedInfra } from '../formats/format';
import type { IacModel } from '../model/iac';
import { ALL_RULES, docsUrl } from '../rules';
import type { Rule, RuleContext, RuleFinding } from '../rules/rule';
import type { FixIntent } from '../fixes/intents';
import { isModuleFile, sameModule, dirName, type ModuleSummary } from '../model/module';
import { outlineCalls, type CallOutline } from './hover/code';
import { cacheLenses, type CacheLens } from './codelens';
import type { CodeModuleSummary, ImportedClient } from '../model/code-modules';
import { ModuleGraph, type PathAliases, type WorkspacePackage } from './moduleGraph';

export interface FileAnalysis extends FileResult {
  /** The infrastructure model, when the file is a template (in-process callers only: it does not cross threads). */
  iac?: IacModel;
  /** The caches a template declares, as plain data: what hosts keep to infer the workspace context. */
  caches?: CacheFact[];
  /** The comment syntax of the file's format, for "disable" actions. */
  comments: CommentSyntax;
  /** Terraform: what this file contributes to its module's view, for hosts to cache and pass to its siblings. */
  summary?: ModuleSummary;
  /** Application code: each Redis call as hover reads it (plain data: it crosses from the analysis worker). */
  calls?: CallOutline[];
  /** Templates: the one-line summary of each cache, for code lenses (plain data). */
  lenses?: CacheLens[];
  /** Application code, when the host keeps a workspace index (`SourceFile.codeIndex`): its exports and imports. */
  codeSummary?: CodeModuleSummary;
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


  /**
   * Analyses one file. Returns undefined when the file is not relevant (not a template, unknown extension):
   * hosts skip it silently. Never throws on bad input; parse problems come back in `errors`.
   */
  async analyzeFile(file: SourceFile, settings: ResolvedSettings, context: WorkspaceContext = UNKNOWN_CONTEXT): Promise<FileAnalysis | undefined> {
    if (!settings.enable) return undefined;
    const choice = formatFor(file);
    if (!choice) return undefined;
    const skipped = (message: string, notice?: boolean) => skippedAnalysis(file, message, notice)!;
    const sizeKb = file.text.length / 1024;
    if (sizeKb > settings.maxFileSizeKb) {
      return skipped(oversizeMessage(file.text.length, settings.maxFileSizeKb));
    }
    // Binary: encrypted (git-crypt) or generated files in a repository are not input anyone can fix.
    if (looksBinary(file.text)) return skipped('skipped: the file looks binary (it contains NUL bytes)', true);
    // Bundles and compiler output: one message instead of a parse, and no findings in text nobody edits. Templates
    // are exempt: `aws cloudformation package` and CDK write minified JSON that is the real deployment.
    const generated = choice.kind === 'code' ? generatedReason(file.path, file.text) : undefined;
    if (generated) return skipped(`skipped: ${generated}`, true);

    const lines = new LineIndex(file.text);
    try {
      for (const g of choice.format.grammars(file)) await this.grammars.ensure(g);
    } catch (e) {
      return skipped(`cannot load the parser: ${(e as Error).message}`);
    }

    let parsed: ParsedInfra | ParsedCode | undefined;
    // Receivers the settings name reach the extractor with the file, as the index's bindings do.
    const input = choice.kind === 'code' && settings.clients?.length ? { ...file, codeLinks: { ...file.codeLinks, declared: settings.clients } } : file;
    try {
      parsed = choice.format.parse(input, lines, this.grammars);
    } catch (e) {
      // A parser bug must cost one file, not the server, nor the files after it.
      // Replacing the parser can itself fault when the module's memory is damaged: that must not escape either
      // (in a worker the host replaces the whole thread; in process the next parse reports its own failure).
      for (const g of choice.format.grammars(file)) { try { this.grammars.reset(g); } catch { /* see above */ } }
      const message = (e as Error).message;
      // web-tree-sitter reports running out of wasm memory as a bare "Aborted()".
      const cause = /abort|out of memory/i.test(message) ? 'The parser ran out of memory: the file is too large or too broken to read.' : 'Pathologically deep nesting is the usual cause.';
      return skipped(`${PARSER_FAILED} (${message}); it was skipped. ${cause}`);
    }
    if (!parsed) return undefined;
    try {
      const summary = 'resources' in parsed.model ? parsed.model.summary : undefined;
      const codeSummary = 'calls' in parsed.model ? (parsed as ParsedCode).summary : undefined;
      if (file.summaryOnly) {
        const only: FileAnalysis = { path: file.path, format: choice.format.id, findings: [], errors: parsed.errors, comments: commentsOf(file)! };
        if (summary) only.summary = summary;
        if (codeSummary) only.codeSummary = codeSummary;
        return only;
      }

      const ctx: RuleContext = { path: file.path, settings, workspace: withOverrides(context, settings.context), today: settings.today ?? new Date().toISOString().slice(0, 10) };
      const suppressions = parseSuppressions(lines, commentsOf(file)!);
      const findings: Finding[] = [];
      const errors: FileError[] = [...parsed.errors];
      for (const rule of ALL_RULES) {
        const severitySetting = severitySettingOf(settings, rule.meta);
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
            ...(f.related?.length ? { related: f.related } : {}),
          });
        }
      }
      findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId));
      const result: FileAnalysis = { path: file.path, format: choice.format.id, findings, errors, comments: commentsOf(file)! };
      if (choice.kind === 'infra') {
        result.iac = (parsed as ParsedInfra).model;
        result.caches = cachesOf(file.path, result.iac);
        if (summary) result.summary = summary;
        result.lenses = cacheLenses(result.iac);
      } else {
        result.calls = outlineCalls((parsed as ParsedCode).model);
      }
      if (codeSummary) result.codeSummary = codeSummary;
      return result;
    } finally {
      if ('release' in parsed) parsed.release?.();
    }
  }

  /**
   * Analyses a set of files as one workspace: templates first, so that the code rules know what the
   * infrastructure declares (cluster mode, serverless, MemoryDB, TLS).
   */
  analyzeWorkspace(
    files: SourceFile[], settings: ResolvedSettings | ((file: SourceFile) => ResolvedSettings), codeIndex?: CodeIndexOptions,
  ): Promise<{ results: FileAnalysis[]; context: WorkspaceContext }> {
    return analyzeWorkspaceWith(files, settings, (file, s, context) => this.analyzeFile(file, s, context), { codeIndex });
  }
}

export type AnalyzeOne = (file: SourceFile, settings: ResolvedSettings, context?: WorkspaceContext) => Promise<FileAnalysis | undefined>;

/**
 * The workspace order, for any way of analysing one file (in process, or in worker threads with a time budget):
 * templates first, their caches make the context, then the code with that context. Files within a phase are
 * handed out together, so a host with several workers can run them side by side.
 */
export async function analyzeWorkspaceWith(
  files: SourceFile[], settings: ResolvedSettings | ((file: SourceFile) => ResolvedSettings), analyzeOne: AnalyzeOne,
  opts: { moduleFiles?: SourceFile[]; codeIndex?: CodeIndexOptions } = {},
): Promise<{ results: FileAnalysis[]; context: WorkspaceContext }> {
  const settingsOf = typeof settings === 'function' ? settings : () => settings;
  const templates = files.filter((f) => formatFor(f)?.kind === 'infra');
  const code = files.filter((f) => formatFor(f)?.kind === 'code');
  const present = (rs: (FileAnalysis | undefined)[]) => rs.filter((r): r is FileAnalysis => !!r);
  const modules = await moduleSummaries([...templates, ...(opts.moduleFiles ?? [])], settingsOf, analyzeOne);
  const withModule = (f: SourceFile): SourceFile => {
    const siblings = modules.get(dirName(f.path))?.filter((s) => sameModule(s.path, f.path));
    return siblings?.length ? { ...f, module: siblings } : f;
  };
  const infra = present(await Promise.all(templates.map((f) => analyzeOne(withModule(f), settingsOf(f)))));
  const context = contextFromCaches(infra.flatMap((r) => r.caches ?? []));
  const analyzed = await analyzeCode(code, settingsOf, (f, s) => analyzeOne(f, s, context), opts.codeIndex);
  const results = [...infra, ...present(analyzed)];
  const order = new Map(files.map((f, i) => [f.path, i]));
  results.sort((a, b) => order.get(a.path)! - order.get(b.path)!);
  return { results, context };
}

/** How the workspace's code files are linked: `enabled: false` analyses each file alone. */
export interface CodeIndexOptions {
  enabled?: boolean;
  /** The `compilerOptions` of the workspace's tsconfig/jsconfig files, as the host read them. */
  aliases?: PathAliases[];
  /** The workspace's own packages (monorepo `package.json` names), as the host read them. */
  packages?: WorkspacePackage[];
}

/** Rounds of re-analysis while importers' links keep changing (a factory in a module built from an imported client). */
const LINK_ROUNDS = 3;

/**
 * The code files, linked through the module graph: each is analysed once with its summary; the files whose imports
 * resolve to clients are analysed again with those bindings (and again, while their own exports change what
 * others import, a bounded number of rounds).
 */
async function analyzeCode(
  code: SourceFile[], settingsOf: (file: SourceFile) => ResolvedSettings,
  analyzeOne: (file: SourceFile, settings: ResolvedSettings) => Promise<FileAnalysis | undefined>, options: CodeIndexOptions = {},
): Promise<(FileAnalysis | undefined)[]> {
  if (options.enabled === false) return Promise.all(code.map((f) => analyzeOne(f, settingsOf(f))));
  const files = code.map((f) => ({ ...f, codeIndex: true }));
  const results = await Promise.all(files.map((f) => analyzeOne(f, settingsOf(f))));
  const used = files.map(() => '');
  for (let round = 0; round < LINK_ROUNDS; round++) {
    const graph = new ModuleGraph(results.flatMap((r) => (r?.codeSummary ? [r.codeSummary] : [])), options.aliases, options.packages);
    const again: number[] = [];
    files.forEach((f, i) => {
      const { imported } = graph.linksOf(f.path);
      const key = imported.length ? JSON.stringify(imported) : '';
      if (key !== used[i]) { used[i] = key; again.push(i); }
    });
    if (!again.length) break;
    await Promise.all(again.map(async (i) => {
      const f = files[i];
      const links = used[i] ? { imported: JSON.parse(used[i]) as ImportedClient[] } : undefined;
      results[i] = await analyzeOne(links ? { ...f, codeLinks: links } : f, settingsOf(f));
    }));
  }
  return results;
}

/**
 * The summaries of every Terraform directory with more than one module file, by directory: one summary job per
 * file (a parse, no rules), handed out together. `moduleFiles` are files that are not reported on but belong to the
 * module of one that is (the CLI given `main.tf` alone still reads `variables.tf` beside it).
 */
async function moduleSummaries(
  files: SourceFile[], settingsOf: (file: SourceFile) => ResolvedSettings, analyzeOne: AnalyzeOne,
): Promise<Map<string, ModuleSummary[]>> {
  const byDir = new Map<string, SourceFile[]>();
  const seen = new Set<string>();
  for (const f of files) {
    if (!isModuleFile(f.path) || seen.has(f.path)) continue;
    seen.add(f.path);
    const dir = dirName(f.path);
    byDir.set(dir, [...(byDir.get(dir) ?? []), f]);
  }
  const out = new Map<string, ModuleSummary[]>();
  await Promise.all([...byDir].filter(([, fs]) => fs.length > 1).map(async ([dir, fs]) => {
    const results = await Promise.all(fs.map((f) => analyzeOne({ ...f, summaryOnly: true }, settingsOf(f))));
    out.set(dir, results.flatMap((r) => (r?.summary ? [r.summary] : [])));
  }));
  return out;
}

/** How the message of a file whose parser faulted begins: hosts that can start a fresh parser do. */
export const PARSER_FAILED = 'the parser failed on this file';

/** Whether a file whose first bytes are `head` may be relevant, so that bulk scans can skip the rest unread. */
export function mayBeRelevant(path: string, head: string): boolean {
  const choice = formatFor({ path });
  return !!choice && (choice.kind === 'code' || choice.format.mayContain(head));
}

/** The comment syntax of a file's format; undefined when cachelint does not read the file. */
export function commentsOf(file: SourceFile): CommentSyntax | undefined {
  const choice = formatFor(file);
  if (!choice) return undefined;
  return choice.kind === 'infra' ? choice.format.comments(file) : choice.format.comments;
}

/** The result for a file that was not analysed (too big, binary, minified, over its time budget): one message. */
export function skippedAnalysis(file: SourceFile, message: string, notice?: boolean): FileAnalysis | undefined {
  const choice = formatFor(file);
  if (!choice) return undefined;
  return { path: file.path, format: choice.format.id, findings: [], errors: [notice ? { message, notice, skipped: true } : { message, skipped: true }], comments: commentsOf(file)! };
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

