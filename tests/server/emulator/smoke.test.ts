import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../helpers/emulator';

describe('emulator through the official twilio library', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ stepMs: 1000 });
  });
  afterAll(() => emu.close());

  it('sends a message that moves from queued to delivered as the clock runs', async () => {
    const client = emu.client();
    const [from] = emu.emulator.info().phoneNumbers;
    const sent = await client.messages.create({
      to: '+15551234567',
      from,
      body: 'Hello from the emulator',
    });
    expect(sent.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(sent.status).toBe('queued');
    expect(sent.numSegments).toBe('1');
    expect(sent.dateSent).toBeNull();

    emu.clock.advance(3000);
    const later = await client.messages(sent.sid).fetch();
    expect(later.status).toBe('delivered');
    expect(later.dateSent).toBeInstanceOf(Date);
    expect(later.price).toBe('-0.00790');
  });
});
