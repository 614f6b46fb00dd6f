import { join } from 'node:path';
import ts from 'typescript';
import { REPO_ROOT, workspaceSources } from './workspace.js';

/**
 * Type-checks the given files in one TypeScript program, with the repository's compiler settings and
 * every `@amazon-pay-ts/*` import resolved to its sources. Returns the formatted errors per file
 * (files without errors are absent).
 */
export function typeCheck(files: readonly string[]): Map<string, string[]> {
  const base = ts.readConfigFile(join(REPO_ROOT, 'tsconfig.base.json'), ts.sys.readFile);
  if (base.error) throw new Error(ts.flattenDiagnosticMessageText(base.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(base.config, ts.sys, REPO_ROOT);
  const paths = Object.fromEntries(
    Object.entries(workspaceSources()).map(([name, entry]) => [name, [entry]]),
  );
  const program = ts.createProgram(files, { ...parsed.options, noEmit: true, paths });
  const errors = new Map<string, string[]>();
  const wanted = new Set(files);
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file?.fileName;
    if (!file || !wanted.has(file)) continue;
    const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    const list = errors.get(file) ?? [];
    list.push(`${line + 1}: TS${diagnostic.code} ${message}`);
    errors.set(file, list);
  }
  return errors;
}
