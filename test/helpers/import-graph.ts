/**
 * Reads the import statements of our sources with the TypeScript parser, so the architecture
 * test sees what the compiler sees: multi-line imports, `export … from`, dynamic `import()`, and
 * which imports are type-only (erased at build, so they carry no I/O).
 */
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

export interface ImportRef {
  specifier: string;
  /** Erased by the compiler: `import type`, or every named binding marked `type`. */
  typeOnly: boolean;
}

function namedAllTypes(bindings: ts.NamedImportBindings | ts.NamedExportBindings | undefined) {
  if (!bindings) return false;
  if (ts.isNamedImports(bindings) || ts.isNamedExports(bindings))
    return bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
  return false;
}

export function importsOf(source: string, fileName = "file.ts"): ImportRef[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false);
  const refs: ImportRef[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly || (!clause.name && namedAllTypes(clause.namedBindings)));
      refs.push({ specifier: node.moduleSpecifier.text, typeOnly });
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const typeOnly = node.isTypeOnly || namedAllTypes(node.exportClause);
      refs.push({ specifier: node.moduleSpecifier.text, typeOnly });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      refs.push({ specifier: node.arguments[0].text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return refs;
}

/** A relative specifier as a repository path ("src/store/store.ts"), or null for a package. */
export function resolveLocal(root: string, fromFile: string, specifier: string): string | null {
  if (!specifier.startsWith(".")) return null;
  const absolute = resolve(dirname(join(root, fromFile)), specifier).replace(/\.js$/, ".ts");
  return relative(root, absolute).split("\\").join("/");
}

export function readImports(root: string, file: string): ImportRef[] {
  return importsOf(readFileSync(join(root, file), "utf8"), file);
}
