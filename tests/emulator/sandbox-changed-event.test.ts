import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sandboxChangeNotice } from '../../src/emulator/sandbox-changed-event';

describe("the lab terminal's notice of sandbox changes", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('tells once, when the line that changed the sandbox ends, however many saves it made', () => {
    const announce = vi.fn();
    const notice = sandboxChangeNotice(announce, 1000);
    notice.lineStarted();
    notice.saved();
    notice.saved();
    expect(announce).not.toHaveBeenCalled();
    notice.lineEnded();
    expect(announce).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5000);
    expect(announce).toHaveBeenCalledTimes(1);
  });

  it('tells nothing for a line that changed nothing', () => {
    const announce = vi.fn();
    const notice = sandboxChangeNotice(announce, 1000);
    notice.lineStarted();
    notice.lineEnded();
    expect(announce).not.toHaveBeenCalled();
  });

  it('tells at once of a change made between lines (the web preview sending a form)', () => {
    const announce = vi.fn();
    sandboxChangeNotice(announce, 1000).saved();
    expect(announce).toHaveBeenCalledTimes(1);
  });

  it('tells within a second while a line runs long (an app serving the preview), then again at its end', () => {
    const announce = vi.fn();
    const notice = sandboxChangeNotice(announce, 1000);
    notice.lineStarted();
    notice.saved();
    vi.advanceTimersByTime(999);
    expect(announce).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(announce).toHaveBeenCalledTimes(1);
    notice.saved();
    notice.lineEnded();
    expect(announce).toHaveBeenCalledTimes(2);
  });
});
