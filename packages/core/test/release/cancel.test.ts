import { CancelledError } from '../../src/release/index.js';
import { underSignal } from '../../src/release/cancel.js';

const never = () => new Promise<string>(() => undefined);

describe('underSignal', () => {
  it('cuts a waiting phase short when the run is cancelled while it waits', async () => {
    const controller = new AbortController();
    const waiting = underSignal(controller.signal, 'health', never);
    controller.abort();
    await expect(waiting).rejects.toThrow(CancelledError);
    await expect(waiting).rejects.toThrow('The run was cancelled before health');
  });

  it('lets the lock phase end even when cancelled meanwhile, so no lock is taken for nobody', async () => {
    const controller = new AbortController();
    let release!: (value: string) => void;
    const taking = underSignal(controller.signal, 'lock', () => new Promise<string>((resolve) => (release = resolve)));
    controller.abort();
    release('held');
    await expect(taking).resolves.toBe('held');
  });

  it('starts no new phase once cancelled before the switch, and finishes the switch and what follows', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(underSignal(controller.signal, 'start', async () => 'started')).rejects.toThrow(CancelledError);
    await expect(underSignal(controller.signal, 'switch', async () => 'switched')).resolves.toBe('switched');
    await expect(underSignal(controller.signal, 'drain', async () => 'drained')).resolves.toBe('drained');
  });
});
