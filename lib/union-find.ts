/**
 * Groups of ids joined by links (union-find with path compression). An id never joined is its own
 * group. `pickRoot` names a merged group from the two groups' names: by default the second's; the
 * smaller id (`smallestRoot`) makes the names independent of the order the links are read in.
 */
export function unionFind(pickRoot: (a: string, b: string) => string = (_a, b) => b): { find: (id: string) => string; union: (a: string, b: string) => void } {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    for (let up = parent.get(root); up !== undefined && up !== root; up = parent.get(root)) root = up;
    for (let at = id; at !== root; ) {
      const up = parent.get(at)!;
      parent.set(at, root);
      at = up;
    }
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return;
    const root = pickRoot(ra, rb);
    parent.set(root === ra ? rb : ra, root);
  };
  return { find, union };
}

export const smallestRoot = (a: string, b: string): string => (a < b ? a : b);
