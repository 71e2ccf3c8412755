/**
 * The `cachelint` command: the same engine as the language server, headless, for CI.
 *   cachelint [--format text|json|sarif] [--fail-on error|warning|info|none] [--rule ID=SEVERITY]… [--config FILE]
 *             [--allow-errors] PATH…
 * Exit 0: nothing at or above --fail-on; 1: something is; 2: usage or configuration error, input that could not
 * be read, parsed or analysed in time, or paths that held nothing to analyse at all (unless --allow-errors).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeWorkspaceWith } from './engine/analyze';
import { formatFor } from './formats';
import { AnalysisPool } from './host/analysisPool';
import { runProblems } from './report/problems';
import { parseSeverity } from './engine/settings';
import { SEVERITY_ORDER, type Severity, type SourceFile } from './engine/types';
import { ConfigResolver } from './host/configResolver';
import { isIgnoredByGlobs } from './host/globs';
import { findFiles, repositoryRoot } from './host/walk';
import { readSources } from './host/readSources';
import { moduleContextFiles } from './host/moduleFiles';
import { pathAliases } from './host/tsconfig';
import { workspacePackages } from './host/packages';
import { ruleById } from './rules';
import { toJson, type CliRun } from './report/json';
import { toText } from './report/text';
import { toSarif } from './report/sarif';
import { VERSION } from './version';
import { runSize } from './cli/size';
import { emptyInputs } from './cli/nothingAnalysed';

const USAGE = `usage: cachelint [--format text|json|sarif] [--fail-on error|warning|info|none]
                 [--rule ID=off|hint|info|warning|error]... [--config FILE] [--show-fixes] [--allow-errors] PATH...

Lints CloudFormation, Terraform and application code for Amazon ElastiCache and MemoryDB mistakes.
Directories are walked (respecting .gitignore and the config's "ignore" globs); a path named here is analysed even
if ignored, and rules that exclude it or a folder above it do not apply below it. A run that analyses nothing
says so and exits 2 (a named folder with nothing to analyse beside others that had some is a notice).
--show-fixes (text format) prints each quick-fix as unified-diff hunks; nothing is written.
--allow-errors: files that could not be read, parsed or analysed in time, and a run with nothing to analyse, are
still reported, but do not make the run exit 2 on their own.
Exit status: 0 nothing at or above --fail-on (default error), 1 something is, 2 usage or config error, some
input could not be analysed, or nothing was.

Sizing: cachelint size --engine … (see cachelint size --help).`;

class UsageError extends Error {}

interface Options {
  format: 'text' | 'json' | 'sarif';
  failOn: Severity | 'none';
  rules: Record<string, string>;
  config?: string;
  showFixes: boolean;
  allowErrors: boolean;
  paths: string[];
}

function parseArgs(argv: string[]): Options | 'help' | 'version' {
  const o: Options = { format: 'text', failOn: 'error', rules: {}, showFixes: false, allowErrors: false, paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '-h': case '--help': return 'help';
      case '-v': case '--version': return 'version';
      case '-f': case '--format': {
        const v = value();
        if (v !== 'text' && v !== 'json' && v !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not "${v}"`);
        o.format = v; break;
      }
      case '--fail-on': {
        const v = value();
        if (!['error', 'warning', 'info', 'hint', 'none'].includes(v)) throw new UsageError(`--fail-on must be error, warning, info or none, not "${v}"`);
        o.failOn = v as Options['failOn']; break;
      }
      case '--rule': {
        const v = value();
        const m = /^([a-z0-9-]+)=(.+)$/.exec(v);
        if (!m) throw new UsageError(`--rule takes ID=SEVERITY, e.g. --rule missing-ttl=off (got "${v}")`);
        if (!ruleById(m[1])) throw new UsageError(`--rule: unknown rule "${m[1]}"`);
        if (!parseSeverity(m[2])) throw new UsageError(`--rule: "${m[2]}" is not one of off, hint, info, warning, error`);
        o.rules[m[1]] = m[2]; break;
      }
      case '-c': case '--config': o.config = value(); break;
      case '--show-fixes': o.showFixes = true; break;
      case '--allow-errors': o.allowErrors = true; break;
      case '--': o.paths.push(...argv.slice(i + 1)); i = argv.length; break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
        o.paths.push(a);
    }
  }
  if (!o.paths.length) throw new UsageError('no PATH given');
  return o;
}

async function main(argv: string[]): Promise<number> {
  // Subcommands come before paths; a path named "size" can still be given as ./size.
  if (argv[0] === 'size') return runSize(argv.slice(1), (s) => process.stdout.write(s), (s) => process.stderr.write(s));
  let opts: ReturnType<typeof parseArgs>;
  try { opts = parseArgs(argv); } catch (e) {
    if (e instanceof UsageError) { process.stderr.write(`cachelint: ${e.message}\n\n${USAGE}\n`); return 2; }
    throw e;
  }
  if (opts === 'help') { process.stdout.write(USAGE + '\n'); return 0; }
  if (opts === 'version') { process.stdout.write(VERSION + '\n'); return 0; }

  if (opts.config && !fs.existsSync(opts.config)) { process.stderr.write(`cachelint: config file ${opts.config} does not exist\n`); return 2; }
  const cwd = process.cwd();
  const configs = new ConfigResolver([{ source: '--rule', value: { rules: opts.rules } }], cwd, opts.config && path.resolve(opts.config));
  // Read the configs of the paths given before walking, so a broken config stops the run before any work.
  for (const p of opts.paths) configs.forDir(path.resolve(p));
  if (configs.problems.size) return reportConfigProblems(configs);

  const { files, missing, unreadable, perArg } = findFiles(opts.paths, {
    accept: (p) => !!formatFor({ path: p }),
    ignored: (abs, isDir, named) => {
      const { settings, base } = configs.forDir(path.dirname(abs));
      return isIgnoredByGlobs(settings.ignore, base, abs, isDir, named);
    },
  });
  if (configs.problems.size) return reportConfigProblems(configs);

  // A missing path is reported with the rest, so one typo does not hide what the other paths found.
  const errors: CliRun['errors'] = [
    ...missing.map((m) => ({ path: m, message: 'no such file or directory' })),
    ...unreadable,
  ];
  const sources: (SourceFile & { absPath: string })[] = [];
  for (const f of files) {
    const { settings } = configs.forFile(f.absPath);
    const read = readSources([f], settings.maxFileSizeKb);
    errors.push(...read.errors);
    // Path conventions (test folders) read the path below the repository root, else below the argument.
    const repo = repositoryRoot(path.dirname(f.absPath));
    const projectPath = repo ? path.relative(repo, f.absPath).split(path.sep).join('/') : f.relPath;
    sources.push(...read.sources.map((s) => ({ ...s, projectPath })));
  }
  // Workers with a time budget per file: a pathological file is reported, never a hung CI job. One worker unless the
  // tree is large: each worker starts cold (measured on 44 templates, 2 cores: one worker 0.8 s, two 1.4 s).
  const workers = sources.length < 400 ? 1 : Math.min(os.availableParallelism(), 4);
  const pool = new AnalysisPool({ workerFile: path.join(__dirname, 'worker.js'), size: workers });
  let results;
  try {
    // A Terraform module is its directory: files beside the ones given are read for their variables and resources.
    const moduleFiles = moduleContextFiles(sources, configs.forDir(cwd).settings.maxFileSizeKb);
    ({ results } = await analyzeWorkspaceWith(sources, (file) => configs.forFile(path.resolve(file.path)).settings,
      async (file, settings, context) => (await pool.analyze(file, settings, context)).analysis,
      // The code index is built once per run: clients exported by one file are receivers in the files importing them.
      { moduleFiles, codeIndex: { aliases: pathAliases(sources), packages: workspacePackages(sources) } }));
  } finally {
    await pool.dispose();
  }
  const run: CliRun = { version: VERSION, results, errors };
  const empty = emptyInputs(perArg, run);
  errors.push(...empty.problems);
  const texts = opts.showFixes ? new Map(sources.map((s) => [s.path, s.text])) : undefined;
  const out = opts.format === 'json' ? toJson(run) : opts.format === 'sarif' ? toSarif(run) : toText(run, process.stdout, texts);
  process.stdout.write(out + '\n');

  // Text output lists these already; a JSON or SARIF consumer's log shows stderr.
  if (opts.format !== 'text') for (const p of empty.problems) process.stderr.write(`cachelint: ${p.path}: ${p.message}\n`);
  if (empty.emptyRun) {
    if (!opts.allowErrors) {
      process.stderr.write('cachelint: nothing was analysed; exit 2. --allow-errors reports it without failing.\n');
      return 2;
    }
    return 0;
  }
  const unread = new Set(runProblems(run).filter((p) => p.level === 'error').map((p) => p.path));
  if (unread.size && !opts.allowErrors) {
    process.stderr.write(`cachelint: ${unread.size} path${unread.size === 1 ? '' : 's'} could not be analysed (listed in the output); exit 2. --allow-errors reports them without failing.\n`);
    return 2;
  }
  if (opts.failOn === 'none') return 0;
  const threshold = SEVERITY_ORDER[opts.failOn];
  return results.some((r) => r.findings.some((f) => SEVERITY_ORDER[f.severity] >= threshold)) ? 1 : 0;
}

function reportConfigProblems(configs: ConfigResolver): number {
  process.stderr.write([...configs.problems].map((p) => `cachelint: ${p}\n`).join(''));
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e) => { process.stderr.write(`cachelint: internal error: ${(e as Error).stack ?? e}\n`); process.exitCode = 2; },
);
