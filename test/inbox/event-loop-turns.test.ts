import { once } from "node:events";
import { type AddressInfo, connect, createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { EventLoopTurns } from "../../src/inbox/event-loop-turns.js";

/** Keeps the CPU busy, as deciding an event does. */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin
  }
}

describe("EventLoopTurns", () => {
  it("gives one turn per pass of the event loop: a socket's data is read between two heavy turns", async () => {
    const order: string[] = [];
    const server = createServer((socket) => socket.on("data", () => order.push("data read")));
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const client = connect((server.address() as AddressInfo).port, "127.0.0.1");
    await once(client, "connect");
    try {
      const turns = new EventLoopTurns();
      const work = Array.from({ length: 20 }, (_, i) =>
        turns.take().then(() => {
          if (i === 0) client.write("ack me");
          busy(5);
          order.push(`turn ${i}`);
        }),
      );
      expect(turns.queued).toBe(20);
      await Promise.all(work);
      // Twenty turns of 5 ms: the data, sent during the first, is read long before the last.
      expect(order.indexOf("data read")).toBeGreaterThan(0);
      expect(order.indexOf("data read")).toBeLessThan(5);
      expect(order.filter((o) => o.startsWith("turn"))).toEqual(
        Array.from({ length: 20 }, (_, i) => `turn ${i}`),
      );
      expect(turns.queued).toBe(0);
    } finally {
      client.destroy();
      server.close();
    }
  });
});
