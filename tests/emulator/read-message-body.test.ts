import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readMessageBody } from '../../src/emulator/read-message-body';

describe('readMessageBody', () => {
  it('gives the whole body when it fits, joined from its chunks', async () => {
    const message = new PassThrough();
    const read = readMessageBody(message, 3);
    message.write(new Uint8Array([1, 2]));
    message.end(new Uint8Array([3]));
    expect(await read).toEqual({ bytes: new Uint8Array([1, 2, 3]) });
  });

  it('gives an empty body for a request that sends none', async () => {
    const message = new PassThrough();
    const read = readMessageBody(message, 3);
    message.end();
    expect(await read).toEqual({ bytes: new Uint8Array() });
  });

  it('stops at the first chunk past the limit and leaves the rest unread', async () => {
    const message = new PassThrough();
    const read = readMessageBody(message, 3);
    message.write(new Uint8Array(2));
    message.write(new Uint8Array(2));
    expect(await read).toEqual({ tooLarge: true });
    message.write(new Uint8Array(2));
    expect(message.isPaused()).toBe(true);
    expect(message.readableLength).toBe(2);
  });

  it('fails when the stream fails', async () => {
    const message = new PassThrough();
    const read = readMessageBody(message, 3);
    message.destroy(new Error('socket hang up'));
    await expect(read).rejects.toThrow('socket hang up');
  });

  it('fails when the connection closes before the body ends', async () => {
    const message = new PassThrough();
    const read = readMessageBody(message, 3);
    message.write(new Uint8Array(1));
    message.destroy();
    await expect(read).rejects.toThrow('closed before the body ended');
  });
});
