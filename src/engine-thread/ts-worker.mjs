// Starts a TypeScript worker under `npm start` (tsx) and in tests: Node 20 does not pass tsx's
// loader on to worker threads, so the worker registers it itself before importing its entry.
import { tsImport } from "tsx/esm/api";

const entry = process.argv.at(-1);
await tsImport(entry, import.meta.url);
