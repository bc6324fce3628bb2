import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";

/**
 * How much lower the engine thread runs than the thread that acks (Linux nice: 10 gets about a
 * tenth of the CPU share of nice 0 while both want it). On a busy machine the acks, a few hundred
 * microseconds each, then get a core as soon as they wait for one, while decisions, which may
 * take seconds of backlog anyway, yield to them.
 */
export const ENGINE_THREAD_NICE = 10;

/**
 * Lowers the calling thread's scheduling priority. Linux schedules threads as tasks with ids of
 * their own (/proc/thread-self names the caller's), and setpriority on a thread id affects that
 * thread alone. Elsewhere, or where it is refused, nothing changes: false.
 */
export function lowerThisThreadsPriority(nice = ENGINE_THREAD_NICE): boolean {
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    setPriority(tid, nice);
    return true;
  } catch {
    return false;
  }
}
