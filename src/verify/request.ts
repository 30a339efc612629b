import { z } from 'zod';
import { exerciseIds } from '../lessons/schema';

/** What the Verify panel sends to the local server in live mode. */
export const liveVerifyRequestSchema = z.strictObject({
  /** The exercise to check. */
  exercise: z.enum(exerciseIds),
  /** The checker's parameters as the learner typed them (bucket, app URL, identity document). */
  params: z.record(z.string(), z.string().max(20_000)).default({}),
  /** The region to check, as typed (the checks name a wrong one); the server's configured region when absent. */
  region: z.string().max(40).optional(),
});
export type LiveVerifyRequest = z.input<typeof liveVerifyRequestSchema>;

/** What to do about a region the checks cannot use, in the panel's words. */
export const regionHint = 'Type a region such as us-west-2 in the Region box.';
