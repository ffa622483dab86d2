// A CPU profile's sampled time summed by name: each sample's time goes to its own node's name
// (self) and once to every name on its stack (inclusive). Shared by profile.mjs and
// startup-profile.mjs.

/**
 * `samples`: [node id, ms] pairs (or a Map of them); `parent`: node id → its caller's id;
 * `name`: node id → the name it is summed under. Returns the two tables and the total (ms).
 */
export function timeByName(samples, parent, name) {
  const self = new Map();
  const inclusive = new Map();
  let total = 0;
  for (const [id, ms] of samples) {
    total += ms;
    self.set(name(id), (self.get(name(id)) ?? 0) + ms);
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const key = name(cur);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
    }
  }
  return { self, inclusive, total };
}

/** Prints each table of `tables` ([title, Map of name → ms]) as its `top` heaviest rows. */
export function printTables(tables, top) {
  for (const [title, table] of tables) {
    console.log(`--- ${title} (ms)`);
    for (const [key, ms] of [...table].sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(`${ms.toFixed(1).padStart(8)}  ${key}`);
  }
}
