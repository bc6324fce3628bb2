import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Tests must never reach beyond loopback; fakes bind 127.0.0.1 on port 0.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
