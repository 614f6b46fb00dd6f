import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const preludeDir = fileURLToPath(new URL('../preludes/', import.meta.url));

/** The source of `preludes/<name>.ts`, or an error saying which file to add. */
export function preludeSource(name: string): string {
  try {
    return readFileSync(join(preludeDir, `${name}.ts`), 'utf8');
  } catch {
    throw new Error(`unknown prelude '${name}': add readme-tests/preludes/${name}.ts`);
  }
}

/** The names a prelude's top-level `const`/`let` statements declare (destructured ones included). */
export function declaredNames(source: string): string[] {
  const file = ts.createSourceFile('prelude.ts', source, ts.ScriptTarget.Latest);
  const names: string[] = [];
  const collect = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) names.push(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) collect(element.name);
  };
  for (const statement of file.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) collect(declaration.name);
    }
  }
  return names;
}

/** `checkoutSessionId` → `CHECKOUT_SESSION_ID`: a prelude's variable as a shell block sees it. */
export function environmentName(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}
