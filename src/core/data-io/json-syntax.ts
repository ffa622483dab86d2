// Where JSON text first breaks the grammar, for a message that names the line and column
// (the engine's JSON.parse does not always say). Run only after JSON.parse failed. One pass,
// an explicit stack instead of recursion: linear time and no stack overflow at any depth.

/** The offset of the first syntax error and what was expected there; null if the text is valid. */
export interface JsonSyntaxError {
  offset: number;
  expected: string;
}

function skipSpace(s: string, i: number): number {
  while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
  return i;
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

/** End of the string starting at s[i] === '"', or −(offset of the error) − 1. */
function scanString(s: string, i: number): number {
  for (i++; i < s.length; i++) {
    const ch = s[i];
    if (ch === '"') return i + 1;
    if (s.charCodeAt(i) < 0x20) return -i - 1;
    if (ch === '\\') {
      const e = s[++i];
      if (e === 'u') {
        for (let k = 1; k <= 4; k++) if (!/^[0-9a-fA-F]$/.test(s[i + k] ?? '')) return -(i + k) - 1;
        i += 4;
      } else if (e === undefined || !'"\\/bfnrt'.includes(e)) return -i - 1;
    }
  }
  return -i - 1;
}

/** End of the number starting at s[i], or −(offset of the error) − 1. */
function scanNumber(s: string, i: number): number {
  if (s[i] === '-') i++;
  if (s[i] === '0') i++;
  else if (isDigit(s[i])) while (isDigit(s[i])) i++;
  else return -i - 1;
  if (s[i] === '.') {
    if (!isDigit(s[++i])) return -i - 1;
    while (isDigit(s[i])) i++;
  }
  if (s[i] === 'e' || s[i] === 'E') {
    i++;
    if (s[i] === '+' || s[i] === '-') i++;
    if (!isDigit(s[i])) return -i - 1;
    while (isDigit(s[i])) i++;
  }
  return i;
}

/** End of the scalar value starting at s[i], or −(offset of the error) − 1. */
function scanScalar(s: string, i: number): number {
  if (s[i] === '"') return scanString(s, i);
  for (const word of ['true', 'false', 'null']) if (s.startsWith(word, i)) return i + word.length;
  return scanNumber(s, i);
}

/** The first syntax error of JSON text (RFC 8259), or null when it is valid. */
export function findJsonSyntaxError(s: string): JsonSyntaxError | null {
  const stack: string[] = [];
  let i = skipSpace(s, 0);
  // Each turn reads one value where a value is expected, then what may follow it.
  for (;;) {
    if (i >= s.length) return { offset: i, expected: 'a value' };
    const ch = s[i];
    if (ch === '{' || ch === '[') {
      stack.push(ch);
      i = skipSpace(s, i + 1);
      if (ch === '[' && s[i] === ']') i = skipSpace(s, i + 1);
      else if (ch === '{' && s[i] === '}') i = skipSpace(s, i + 1);
      else if (ch === '{') {
        const key = member(s, i);
        if (key < 0) return { offset: -key - 1, expected: 'a "key": value' };
        i = key;
        continue;
      } else continue;
      stack.pop();
    } else {
      const end = scanScalar(s, i);
      if (end < 0) return { offset: -end - 1, expected: 'a value' };
      i = skipSpace(s, end);
    }
    // After a value: a comma, the close of its container, or the end of the text.
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) return i === s.length ? null : { offset: i, expected: 'the end of the text' };
      const close = top === '[' ? ']' : '}';
      if (s[i] === close) {
        stack.pop();
        i = skipSpace(s, i + 1);
        continue;
      }
      if (s[i] !== ',') return { offset: i, expected: `"," or "${close}"` };
      i = skipSpace(s, i + 1);
      if (top === '{') {
        const key = member(s, i);
        if (key < 0) return { offset: -key - 1, expected: 'a "key": value' };
        i = key;
      }
      break;
    }
  }
}

/** Reads `"key" :` at s[i]; returns where its value starts, or −(offset of the error) − 1. */
function member(s: string, i: number): number {
  if (s[i] !== '"') return -i - 1;
  const end = scanString(s, i);
  if (end < 0) return end;
  const colon = skipSpace(s, end);
  if (s[colon] !== ':') return -colon - 1;
  return skipSpace(s, colon + 1);
}
