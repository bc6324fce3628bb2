/** The parts of a GitHub issue-search query the fake understands. */
export interface SearchQuery {
  repo: string | null;
  isIssue: boolean;
  state: "open" | "closed" | null;
  inBody: boolean;
  /** Quoted phrases and bare words, all of which must match. */
  terms: string[];
}

/** Parses `repo:o/r is:issue in:body "rlt-abc"` the way GitHub's search reads it, roughly. */
export function parseSearchQuery(q: string): SearchQuery {
  const query: SearchQuery = { repo: null, isIssue: false, state: null, inBody: false, terms: [] };
  for (const m of q.matchAll(/"([^"]*)"|(\S+)/g)) {
    const phrase = m[1];
    if (phrase !== undefined) {
      if (phrase) query.terms.push(phrase.toLowerCase());
      continue;
    }
    const word = m[2] ?? "";
    const [qualifier, value] = word.split(/:(.*)/s);
    if (qualifier === "repo" && value) query.repo = value.toLowerCase();
    else if (qualifier === "is" && value === "issue") query.isIssue = true;
    else if (
      (qualifier === "is" || qualifier === "state") &&
      (value === "open" || value === "closed")
    )
      query.state = value;
    else if (qualifier === "in" && value === "body") query.inBody = true;
    else query.terms.push(word.toLowerCase());
  }
  return query;
}

export function matchesSearch(
  query: SearchQuery,
  issue: { title: string; body: string; state: string },
): boolean {
  if (query.state && issue.state !== query.state) return false;
  const haystack = (query.inBody ? issue.body : `${issue.title}\n${issue.body}`).toLowerCase();
  return query.terms.every((t) => haystack.includes(t));
}
