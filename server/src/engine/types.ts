/** Shared vocabulary of the engine: positions, findings and edits. Protocol-free on purpose. */
import type { ModuleSummary } from '../model/module';
import type { CodeLinks } from '../model/code-modules';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';
export const SEVERITY_ORDER: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

/** Zero-based line and UTF-16 character, the same convention as LSP. The CLI adds 1 when it prints. */
export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

export interface TextEdit { range: Range; newText: string }

/** A quick-fix resolved to concrete text edits in the analysed file. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  isPreferred?: boolean;
  /** Safe to apply unattended (fix-on-save): it keeps what the program does apart from the remedy itself. */
  unattended?: boolean;
}

/** Another place that explains a finding (the `terraform.tfvars` line whose value causes it). */
export interface RelatedLocation {
  /** The file, as the host named it in `SourceFile.path` / `ModuleSummary.path`. */
  path: string;
  range: Range;
  message: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  docs: string;
  fixes: Fix[];
  related?: RelatedLocation[];
}

/** One file handed to the engine. The engine never reads the disk: hosts pass text in. */
export interface SourceFile {
  path: string;
  text: string;
  languageId?: string;
  /**
   * The path below the project (workspace folder, or the CLI's working directory or argument), for path conventions
   * such as test folders: a project that happens to live under `/home/me/tests/` must not count as a test.
   */
  projectPath?: string;
  /**
   * Terraform: the summaries of the module's other files (the same directory's `.tf`, `.tf.json` and variable
   * files), so that variables, locals, `terraform.tfvars` values and resources declared beside this file are known.
   * Absent: only this file is known, and an input it does not declare is unknown.
   */
  module?: ModuleSummary[];
  /** Only summarise the file for its module (`FileAnalysis.summary`): parse, run no rule. */
  summaryOnly?: boolean;
  /**
   * Application code: the host keeps a workspace index, so the file is summarised (`FileAnalysis.codeSummary`)
   * even when it imports no client library (it may import or re-export one of the project's).
   */
  codeIndex?: boolean;
  /** Application code: client bindings its imports resolved to, and receivers the settings name (plain data). */
  codeLinks?: CodeLinks;
}

export type FormatId =
  | 'cloudformation' | 'terraform'
  | 'python' | 'javascript' | 'typescript' | 'java' | 'go' | 'csharp' | 'ruby' | 'php';

export interface FileError {
  message: string;
  range?: Range;
  /**
   * Informational: the file was left alone on purpose (minified or generated code, binary content). Without it,
   * an error means input that should have been analysed was not (unreadable, unparsable, too big, too slow), and
   * the CLI exits 2 for it.
   */
  notice?: boolean;
  /** The file was not analysed at all (too big, binary, minified, over its time budget, its parser failed). */
  skipped?: boolean;
}

export interface FileResult {
  path: string;
  format: FormatId;
  findings: Finding[];
  errors: FileError[];
}
