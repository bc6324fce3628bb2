/** Discord's epoch (2015-01-01) in ms: snowflakes carry their creation time above bit 22. */
const DISCORD_EPOCH = 1420070400000n;

/** Real-shaped snowflakes, increasing, so discord.js derives sensible creation times from them. */
export class Snowflakes {
  private sequence = 0n;

  next(): string {
    this.sequence = (this.sequence + 1n) & 0xfffn;
    return String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (1n << 17n) | this.sequence);
  }
}
