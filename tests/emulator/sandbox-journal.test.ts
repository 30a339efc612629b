import { describe, expect, it } from 'vitest';
import { serializeSandboxState } from '../../src/emulator/persistence';
import { bodiesOfSnapshot, journalHeader, journalRecord, replayJournal } from '../../src/emulator/sandbox-journal';
import { createSandboxState, defaultAccountId, type SandboxState } from '../../src/emulator/state';

function withPhoto(state: SandboxState, key: string, body: string): SandboxState {
  const next = structuredClone(state);
  next.buckets.photos ??= {
    name: 'photos',
    accountId: defaultAccountId,
    region: 'us-west-2',
    creationDate: '2026-12-03T00:00:00.000Z',
    publicAccessBlock: null,
    policy: null,
    objects: {},
    tags: [],
  };
  next.buckets.photos.objects[key] = {
    key,
    body,
    contentType: 'image/jpeg',
    etag: '"e"',
    lastModified: '2026-12-03T00:00:00.000Z',
    size: body.length,
    metadata: {},
  };
  return next;
}

const snapshot = withPhoto(createSandboxState(), 'old.jpg', 'b2xkIHBob3Rv');
const snapshotText = serializeSandboxState(snapshot);

describe('the sandbox journal', () => {
  it('replays to the state of its last record, bodies and all', () => {
    const bodies = bodiesOfSnapshot(snapshot);
    const later = withPhoto(snapshot, 'new.jpg', 'bmV3IHBob3Rv');
    const journal = journalHeader(snapshotText) + journalRecord(later, bodies);
    expect(replayJournal(snapshot, snapshotText, journal)).toEqual({ state: later, records: 1 });
  });

  it("writes a body once: the snapshot's bodies and those of earlier records are references", () => {
    const bodies = bodiesOfSnapshot(snapshot);
    const later = withPhoto(snapshot, 'new.jpg', 'bmV3IHBob3Rv');
    const first = journalRecord(later, bodies);
    const second = journalRecord(later, bodies);
    expect(first).toContain('bmV3IHBob3Rv');
    expect(first).not.toContain('b2xkIHBob3Rv');
    expect(second).not.toContain('bmV3IHBob3Rv');
    const journal = journalHeader(snapshotText) + first + second;
    expect(replayJournal(snapshot, snapshotText, journal)).toEqual({ state: later, records: 2 });
  });

  it('ignores a last record whose append did not finish', () => {
    const bodies = bodiesOfSnapshot(snapshot);
    const first = withPhoto(snapshot, 'one.jpg', 'b25l');
    const second = withPhoto(first, 'two.jpg', 'dHdv');
    const torn = journalRecord(second, bodies).slice(0, -20);
    const journal = journalHeader(snapshotText) + journalRecord(first, bodiesOfSnapshot(snapshot)) + torn;
    expect(replayJournal(snapshot, snapshotText, journal)).toEqual({ state: first, records: 1 });
  });

  it('stops at a record whose digest does not match its text', () => {
    const later = withPhoto(snapshot, 'new.jpg', 'bmV3');
    const damaged = journalRecord(later, bodiesOfSnapshot(snapshot)).replace('new.jpg', 'neW.jpg');
    expect(replayJournal(snapshot, snapshotText, journalHeader(snapshotText) + damaged)).toEqual({
      state: snapshot,
      records: 0,
    });
  });

  it('ignores a journal that continues another snapshot', () => {
    const later = withPhoto(snapshot, 'new.jpg', 'bmV3');
    const journal = journalHeader(`${snapshotText} `) + journalRecord(later, bodiesOfSnapshot(snapshot));
    expect(replayJournal(snapshot, snapshotText, journal)).toEqual({ state: snapshot, records: 0 });
  });

  it('says which object lost its body when a reference finds none', () => {
    const later = withPhoto(snapshot, 'new.jpg', 'bmV3');
    const bodies = bodiesOfSnapshot(later);
    const journal = journalHeader(snapshotText) + journalRecord(later, bodies);
    expect(replayJournal(snapshot, snapshotText, journal)).toEqual({
      error: 'The sandbox journal has lost the body of s3://photos/new.jpg.',
    });
  });

  it("writes an older version's body and an upload's part once, and replays them", () => {
    const bodies = bodiesOfSnapshot(snapshot);
    const later = withUploadAndVersion(snapshot, 'cGFydCBvbmU=', 'b2xkZXIgcGhvdG8=');
    const first = journalRecord(later, bodies);
    const second = journalRecord(later, bodies);
    expect(first).toContain('cGFydCBvbmU=');
    expect(first).toContain('b2xkZXIgcGhvdG8=');
    expect(second).not.toContain('cGFydCBvbmU=');
    expect(second).not.toContain('b2xkZXIgcGhvdG8=');
    const journal = journalHeader(snapshotText) + first + second;
    expect(replayJournal(snapshot, snapshotText, journal)).toEqual({ state: later, records: 2 });
  });

  it('says which part lost its body when a reference finds none', () => {
    const later = withUploadAndVersion(snapshot, 'cGFydCBvbmU=', 'b2xkIHBob3Rv');
    const journal = journalHeader(snapshotText) + journalRecord(later, bodiesOfSnapshot(later));
    expect(replayJournal(snapshot, snapshotText, journal)).toEqual({
      error: 'The sandbox journal has lost the body of part 1 of the upload of s3://photos/big.bin.',
    });
  });
});

/** The snapshot with a multipart upload of one part and an older version of `old.jpg`. */
function withUploadAndVersion(state: SandboxState, partBody: string, olderBody: string): SandboxState {
  const next = structuredClone(state);
  const bucket = next.buckets.photos!;
  const time = '2026-12-03T00:00:00.000Z';
  bucket.versions = { 'old.jpg': [{ ...bucket.objects['old.jpg']!, body: olderBody, versionId: 'v1' }] };
  bucket.uploads = {
    u1: {
      uploadId: 'u1',
      key: 'big.bin',
      initiated: time,
      contentType: 'binary/octet-stream',
      metadata: {},
      parts: { '1': { body: partBody, etag: 'e', size: 8, lastModified: time } },
    },
  };
  return next;
}
