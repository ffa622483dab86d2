// A page-wide cap on the WebGL contexts our views hold at once. Chromium keeps 16 live contexts
// per renderer process (WebGL1 and 2 together, the host page's own included) and, when a 17th
// is made, silently loses the oldest, which may well be a view on-screen. Views give up their
// context after a grace period off-screen; this budget covers the rest (fast scrolling past
// many labs, toDataURL() of off-screen views): before a new context is made, off-screen holders
// are released, least recently visible first, until the new one fits.

/** Our live contexts at most, leaving the rest of Chromium's 16 to the host page. */
export const WEBGL_CONTEXT_BUDGET = 8;

export interface ContextHolder {
  /** on-screen: never released by the budget */
  readonly onScreen: boolean;
  /** gives the context up now (the holder redraws on a new one when visible again) */
  release(): void;
}

/** Holders with a live context, least recently visible first. */
const holders: ContextHolder[] = [];

/** Makes room for `holder`'s new context and records it as the most recently visible. */
export function claimContext(holder: ContextHolder, budget = WEBGL_CONTEXT_BUDGET): void {
  dropContext(holder);
  for (let k = 0; holders.length >= budget && k < holders.length;) {
    const candidate = holders[k];
    if (candidate.onScreen) {
      k++;
      continue;
    }
    // release() calls dropContext(candidate), which removes it from `holders`
    candidate.release();
    if (holders[k] === candidate) holders.splice(k, 1);
  }
  holders.push(holder);
}

/** `holder` was seen on-screen: the last to be released. */
export function touchContext(holder: ContextHolder): void {
  const k = holders.indexOf(holder);
  if (k < 0 || k === holders.length - 1) return;
  holders.splice(k, 1);
  holders.push(holder);
}

/** `holder` no longer has a context (released, lost or detached). */
export function dropContext(holder: ContextHolder): void {
  const k = holders.indexOf(holder);
  if (k >= 0) holders.splice(k, 1);
}

/** How many of our contexts are live (diagnostics, tests). */
export function liveContexts(): number {
  return holders.length;
}
