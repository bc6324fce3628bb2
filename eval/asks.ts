/**
 * What a labelled thread's first asks (free text written by a human triager) mean in the
 * contract's missing-info ids. First match wins per pattern list; an ask may name several ids.
 * This is the evaluation's reading of the labels, not knowledge the engine uses.
 */
const ASK_IDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bversion|\bupgrade\b/iu, "tool_version"],
  [
    /\braw\b|\bbody\b|exact (?:error|message)|error text|full (?:4\d\d|error|failover)|the error\b|which limit|error \(|\bmessage\b.*reset|reset time shown|status of the usage call|\brequest id\b|which (?:quota|service|proxy)/iu,
    "raw_error",
  ],
  [
    /models status|disabled(?:Until|Reason)|blocked(?:Until|Reason)|auth-state|cooldown/iu,
    "model_status",
  ],
  [/\blogs?\b|log lines?|debug log|executionTrace|failoverReason/iu, "logs"],
  [
    /fallback|config|cron|heartbeat|schedule|sub-?agents?|concurren|parallel|sessions?\b.*(?:active|running|at once)|idle-timeout|memory\.search|base url|endpoint|max[_ ]?(?:output )?tokens|thinking budget|output length/iu,
    "config",
  ],
  [
    /\btier\b|\bplan\b|balance|billing|credit|payment|subscription|spend cap|usage page|\/usage|\/status|quota values|service quotas|prepay|postpay|extra usage|budget/iu,
    "account_tier",
  ],
  [
    /how many (?:requests|searches|model calls)|request (?:volume|rate)|per minute\b(?! limits)|usage %|percentages|how much of the day|requests the agent made/iu,
    "usage_numbers",
  ],
  [/size|context|token count|chunks|files\/history|prompt sizes|entities\/tools/iu, "request_size"],
  [/\bmodel\b|provider and|which provider|model ids?|region/iu, "provider_model"],
  [
    /auth|log(?:ged)? ?in|oauth|which key|key (?:works|belongs)|same key|another client|different key|other (?:apps|clients)|org(?:anisation)?\b|\bproject\b/iu,
    "auth_state",
  ],
  [
    /status page|incident|other (?:sessions|users)|time of|timestamps|how long|when|persist|intermittent|cluster/iu,
    "timing",
  ],
];

/** The missing-info ids one free-text ask stands for (empty when the eval cannot read it). */
export function askIds(ask: string): string[] {
  return ASK_IDS.filter(([re]) => re.test(ask)).map(([, id]) => id);
}
