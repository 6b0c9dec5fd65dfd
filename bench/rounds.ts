/** The unit of the listing bounds: one measured round trip, and the rounds an ideal client needs on the stand-in. */

export interface Target {
  url: string;
  token: string;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function timed(task: () => Promise<unknown>, runs = 3): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await task();
    times.push(performance.now() - started);
  }
  return median(times);
}

/** One round trip: the median time of a raw fetch of a first page (no Octokit), the unit of the lower bound. */
export async function roundTrip(target: Target): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await fetch(`${target.url}/user/packages?package_type=npm&per_page=100`, { headers: { authorization: `token ${target.token}` } }).then(
      (r) => r.arrayBuffer(),
    );
    times.push(performance.now() - started);
  }
  return median(times);
}

/**
 * An ideal client: no library, no parsing beyond the Link header; round 1 sends every first request at once,
 * round 2 every remaining page at once. Its time is the lower bound on this server (whose own work is included).
 */
export async function idealRounds(target: Target, firstPaths: string[]): Promise<number> {
  return timed(async () => {
    const get = (path: string) => fetch(`${target.url}${path}`, { headers: { authorization: `token ${target.token}` } });
    const first = await Promise.all(firstPaths.map(async (path) => ({ path, response: await get(path) })));
    const rest: string[] = [];
    for (const { path, response } of first) {
      await response.arrayBuffer();
      const last = Number(/[?&]page=(\d+)[^>]*>;\s*rel="last"/.exec(response.headers.get('link') ?? '')?.[1] ?? 1);
      for (let page = 2; page <= last; page++) rest.push(`${path}&page=${page}`);
    }
    await Promise.all(rest.map((path) => get(path).then((response) => response.arrayBuffer())));
  });
}

/** An ideal client that knows every page it needs: all of them at once, one round. */
export async function idealOneRound(target: Target, paths: string[]): Promise<number> {
  return timed(async () => {
    const get = (path: string) => fetch(`${target.url}${path}`, { headers: { authorization: `token ${target.token}` } });
    await Promise.all(paths.map((path) => get(path).then((response) => response.arrayBuffer())));
  });
}
