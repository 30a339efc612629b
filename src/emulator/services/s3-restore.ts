/**
 * RestoreObject: a temporary readable copy of an object in an archived class (GLACIER, DEEP_ARCHIVE), and the
 * `x-amz-restore` header HEAD and GET answer with while it lasts. AWS takes hours to restore; the sandbox's copy is
 * ready at once.
 */
import type { S3Object } from '../state';
import type { ObjectCall } from './s3-operation';
import { requireObject } from './s3-require-object';
import { invalidObjectState, isArchived } from './s3-storage-class';
import { emptyResponse, malformedXml, parseXmlBody } from './s3-xml';

const dayMs = 24 * 60 * 60 * 1000;

/**
 * When a copy restored at `now` for `days` expires: S3 adds the days to the time of the request and rounds up to the
 * next midnight UTC (S3 User Guide, 'Restoring an archived object').
 */
export function restoreExpiry(now: Date, days: number): Date {
  const end = now.getTime() + days * dayMs;
  return new Date(Math.ceil(end / dayMs) * dayMs);
}

/** Whether an object has a restored copy that has not yet expired. */
export function isRestored(object: S3Object, now: Date): boolean {
  return object.restoredUntil !== undefined && new Date(object.restoredUntil) > now;
}

/** The `x-amz-restore` header of an object with a restored copy: done, and when the copy expires. */
export function restoreHeader(object: S3Object, now: Date): Record<string, string> {
  if (!isRestored(object, now)) return {};
  const expiry = new Date(object.restoredUntil!).toUTCString();
  return { 'x-amz-restore': `ongoing-request="false", expiry-date="${expiry}"` };
}

/** S3's refusal to read the bytes of an archived object without a restored copy (HeadObject still answers). */
export function refuseArchivedRead(object: S3Object, now: Date): void {
  if (isArchived(object) && !isRestored(object, now)) throw invalidObjectState(object);
}

/** The number of days a restore request asks for: a positive whole number, or S3's MalformedXML. */
function requestedDays(body: Uint8Array): number {
  const request = parseXmlBody(body).RestoreRequest as { Days?: unknown } | undefined;
  const days = request && typeof request === 'object' ? String(request.Days ?? '') : '';
  if (!/^\d+$/.test(days) || Number(days) < 1) throw malformedXml();
  return Number(days);
}

/**
 * RestoreObject: 202 when the object had no restored copy, 200 when it had one, whose expiry the request then
 * changes; `InvalidObjectState` for an object not in an archived class.
 */
export function restoreObject(call: ObjectCall): Response {
  const { input, ctx } = call;
  const object = requireObject(call);
  if (!isArchived(object)) throw invalidObjectState(object);
  const days = requestedDays(input.body);
  const status = isRestored(object, ctx.now) ? 200 : 202;
  object.restoredUntil = restoreExpiry(ctx.now, days).toISOString();
  return emptyResponse(ctx, status);
}
