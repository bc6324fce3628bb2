/** The container's HEALTHCHECK (Dockerfile): exit 0 when healthy, else 1 with the reasons. */
import { healthProblems } from "./health/health-problems.js";

const problems = await healthProblems(process.env);
for (const p of problems) process.stderr.write(`unhealthy: ${p}\n`);
process.exitCode = problems.length === 0 ? 0 : 1;
