// Cold start of the whole local stack (packages/stack): every service from nothing to ready,
// median of 3, then the same with the Node base image loaded into the fresh engine.
// Run with `npm run bench:stack` (as root, with scripts/install-stack.sh done).
import { ALL_PIECES, stackAvailability, startStack } from '@paved/stack';

const RUNS = 3;

async function coldStart(nodeBaseImage: boolean): Promise<{ startMs: number; stopMs: number }> {
  const started = performance.now();
  const stack = await startStack({ nodeBaseImage });
  const startMs = performance.now() - started;
  const stopping = performance.now();
  await stack.stop();
  return { startMs, stopMs: performance.now() - stopping };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const availability = stackAvailability([...ALL_PIECES, 'node-base']);
if (!availability.available) {
  console.error(`bench:stack cannot run: ${availability.summary}. Run scripts/install-stack.sh as root.`);
  process.exit(1);
}

// Warm the per-machine image cache once so the runs measure loading, not the first build.
await (await startStack({ services: ['docker'], nodeBaseImage: true })).stop();

for (const withImage of [false, true]) {
  const label = withImage ? 'all services + node base image load' : 'all services';
  const runs: Array<{ startMs: number; stopMs: number }> = [];
  for (let i = 0; i < RUNS; i++) runs.push(await coldStart(withImage));
  const starts = runs.map((r) => r.startMs);
  console.log(
    `${label}: cold start median ${median(starts).toFixed(0)} ms ` +
      `(runs ${starts.map((ms) => ms.toFixed(0)).join(', ')} ms; stop median ${median(runs.map((r) => r.stopMs)).toFixed(0)} ms)`,
  );
}

// A fleet of three hosts (namespaces, each with dockerd, sshd and a firewall), served by a
// registry: from nothing to every host answering SSH, then the full teardown.
const fleetAvailability = stackAvailability(['fleet', 'registry']);
if (!fleetAvailability.available) {
  console.log(`3-host fleet: not measured (${fleetAvailability.summary})`);
} else {
  const runs: Array<{ startMs: number; stopMs: number }> = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const stack = await startStack({ services: ['registry', 'fleet'], fleetHosts: 3 });
    const startMs = performance.now() - started;
    const stopping = performance.now();
    await stack.stop();
    runs.push({ startMs, stopMs: performance.now() - stopping });
  }
  const starts = runs.map((r) => r.startMs);
  const stops = runs.map((r) => r.stopMs);
  console.log(
    `3-host fleet + registry: cold start median ${median(starts).toFixed(0)} ms ` +
      `(runs ${starts.map((ms) => ms.toFixed(0)).join(', ')} ms); ` +
      `stop median ${median(stops).toFixed(0)} ms (runs ${stops.map((ms) => ms.toFixed(0)).join(', ')} ms)`,
  );
}
