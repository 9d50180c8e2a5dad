import { GiveUpError, waitFor } from '../cms';

describe('waitFor', () => {
  it('keeps polling through a throwing check until it is true', async () => {
    let calls = 0;
    await waitFor(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error('connection refused');
        return true;
      },
      5_000,
      'a server',
    );
    expect(calls).toBe(3);
  });

  it('stops at once on a GiveUpError instead of waiting out the timeout', async () => {
    const started = Date.now();
    await expect(waitFor(async () => Promise.reject(new GiveUpError('the server exited')), 60_000, 'a server')).rejects.toThrow('the server exited');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('names what it waited for when time runs out', async () => {
    await expect(waitFor(async () => false, 300, 'the thing')).rejects.toThrow('timed out after 300 ms waiting for the thing');
  });
});
