import type { ExtractContext } from "../extractor.js";
import type { CooldownEvidence, Evidence } from "../types.js";
import { providerIdOf } from "./provider-ref.js";
import { signal, sourceAt } from "./signals.js";

/** A provider's auth profiles as `models status` counts them. */
export interface ProfileCounts {
  provider: string;
  count: number | null;
  oauth: number;
  token: number;
  apiKey: number;
}

/** An auth profile OpenClaw will not use right now. */
export interface UnusableProfile {
  provider: string | null;
  profileId: string | null;
  kind: string | null;
  reason: string | null;
  remainingMs: number | null;
}

/**
 * Cooldowns and what they add up to: every profile of a provider unusable means OpenClaw has
 * nothing left to rotate to (a burst that tripped all keys), and a cooldown on an OAuth/token
 * profile is the case issue #23996 reports as often false.
 */
export function authStateEvidence(
  unusable: UnusableProfile[],
  profiles: ProfileCounts[],
  oauthProviders: string[],
  ctx: ExtractContext,
  line: number,
): Evidence[] {
  const out: Evidence[] = [];
  for (const u of unusable) {
    const evidence: CooldownEvidence = {
      kind: "cooldown",
      source: sourceAt(ctx, line),
      provider: providerIdOf(u.provider, ctx.kb),
      profileId: u.profileId,
      reason: u.reason ?? (u.kind === "cooldown" ? null : u.kind),
      remainingMs: u.remainingMs,
    };
    out.push(evidence);
  }
  const byProvider = new Map<string, number>();
  for (const u of unusable)
    if (u.provider) byProvider.set(u.provider, (byProvider.get(u.provider) ?? 0) + 1);
  for (const [provider, n] of byProvider) {
    const counts = profiles.find((p) => p.provider === provider);
    if (counts?.count !== null && counts !== undefined && counts.count > 0 && n >= counts.count)
      out.push(
        signal(
          ctx,
          "all_profiles_in_cooldown",
          `${provider}: ${n} of ${counts.count} auth profiles unusable`,
          line,
        ),
      );
    const oauthOnly =
      counts !== undefined && counts.oauth + counts.token > 0 && counts.apiKey === 0;
    if (oauthProviders.includes(provider) || oauthOnly)
      out.push(
        signal(
          ctx,
          "oauth_profile_in_cooldown",
          `${provider}: an OAuth/token profile is in cooldown`,
          line,
        ),
      );
  }
  return out;
}
