/** A knowledge file that does not fit its schema: names the file and the path inside it. */
export class KnowledgeError extends Error {
  constructor(
    readonly file: string,
    readonly path: string,
    detail: string,
  ) {
    super(`${file}${path ? ` at ${path}` : ""}: ${detail}`);
    this.name = "KnowledgeError";
  }
}
