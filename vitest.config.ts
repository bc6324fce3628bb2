import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Tests must never reach beyond loopback; fakes bind 127.0.0.1 on port 0.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    // Vitest's default is one worker less than the CPUs: one on a 2-core machine, where the e2e
    // files mostly wait for the bots they start. Two there took the suite from 541 to 440 s.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
