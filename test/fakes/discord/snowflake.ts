/** Discord's epoch (2015-01-01) in ms: snowflakes carry their creation time above bit 22. */
const DISCORD_EPOCH = 1420070400000n;

/** Real-shaped snowflakes, increasing, so discord.js derives sensible creation times from them. */
export class Snowflakes {
  private sequence = 0n;

  next(): string {
    this.sequence = (this.sequence + 1n) & 0xfffn;
    return String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (1n << 17n) | this.sequence);
  }

  /**
   * An id on shard `shardId` of `numShards` by Discord's formula, `(id >> 22) % numShards`: its
   * timestamp is moved back (at most numShards - 1 ms) to the nearest that lands there.
   */
  onShard(shardId: number, numShards: number): string {
    this.sequence = (this.sequence + 1n) & 0xfffn;
    const ms = BigInt(Date.now()) - DISCORD_EPOCH;
    const count = BigInt(numShards);
    const back = (((ms - BigInt(shardId)) % count) + count) % count;
    return String(((ms - back) << 22n) | (1n << 17n) | this.sequence);
  }
}
