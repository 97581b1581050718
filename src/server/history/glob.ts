// SQLite's GLOB for history search, matched without backtracking blow-up.

/** One pattern position: `*`, or a test of one character. */
type GlobToken = '*' | ((ch: string) => boolean);

/** A bracket expression's members (`abc`, `a-z`), as SQLite reads them. */
function charClass(members: string[], negated: boolean): (ch: string) => boolean {
  return (ch) => {
    let found = false;
    for (let k = 0; k < members.length && !found; k++) {
      if (members[k + 1] === '-' && k + 2 < members.length) {
        found = ch >= members[k] && ch <= members[k + 2];
        k += 2;
      } else found = ch === members[k];
    }
    return found !== negated;
  };
}

function globTokens(pattern: string): GlobToken[] {
  const chars = Array.from(pattern);
  const tokens: GlobToken[] = [];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === '*') {
      if (tokens[tokens.length - 1] !== '*') tokens.push('*');
    } else if (ch === '?') tokens.push(() => true);
    else if (ch === '[') {
      let j = i + 1;
      const negated = chars[j] === '^';
      if (negated) j++;
      const first = j;
      if (chars[j] === ']') j++; // a ']' right after the opening is a member
      while (j < chars.length && chars[j] !== ']') j++;
      if (j >= chars.length) tokens.push((c) => c === '['); // never closed: a literal '['
      else {
        tokens.push(charClass(chars.slice(first, j), negated));
        i = j;
      }
    } else tokens.push((c) => c === ch);
  }
  return tokens;
}

/**
 * SQLite GLOB, which IPython's search uses: `*`, `?`, `[abc]`, `[a-z]`, `[^abc]`; case-sensitive, whole string.
 * Matched with two pointers, going back only to the latest `*`: at most (text length × pattern length) steps, where a
 * backtracking regular expression takes exponential time on `*a*a*a*a*b` against a long line.
 */
export function globMatcher(pattern: string): (text: string) => boolean {
  const tokens = globTokens(pattern);
  return (input) => {
    const text = Array.from(input);
    let t = 0;
    let p = 0;
    let star = -1;
    let resume = 0;
    while (t < text.length) {
      const token = tokens[p];
      if (token === '*') {
        star = p++;
        resume = t;
      } else if (token !== undefined && token(text[t])) {
        t++;
        p++;
      } else if (star >= 0) {
        // Let the latest '*' take one more character and try the rest again from there.
        p = star + 1;
        t = ++resume;
      } else return false;
    }
    while (tokens[p] === '*') p++;
    return p === tokens.length;
  };
}
