/** Shared vocabulary of the engine: positions, findings and edits. Protocol-free on purpose. */

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

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  docs: string;
  fixes: Fix[];
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
