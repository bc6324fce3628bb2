/**
 * `@name` placeholders (as the SQLite store writes them) turned into PostgreSQL's `$n`, so both
 * stores' statements read alike. Names are `\w+`; the same name maps to the same `$n`.
 */
export function named(
  sql: string,
  params: Record<string, unknown>,
): { text: string; values: unknown[] } {
  const order: string[] = [];
  const text = sql.replace(/@(\w+)/g, (_match, name: string) => {
    if (!(name in params)) throw new Error(`no value for @${name}`);
    let index = order.indexOf(name);
    if (index < 0) index = order.push(name) - 1;
    return `$${index + 1}`;
  });
  return { text, values: order.map((name) => params[name]) };
}
