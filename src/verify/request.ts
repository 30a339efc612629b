import { z } from 'zod';
import { exerciseIds } from '../lessons/schema';

/** What the Verify panel sends to the local server in live mode. */
export const liveVerifyRequestSchema = z.strictObject({
  /** The exercise to check. */
  exercise: z.enum(exerciseIds),
  /** The checker's parameters as the learner typed them (bucket, app URL, identity document). */
  params: z.record(z.string(), z.string().max(20_000)).default({}),
  /** The region to check; the server's configured region when absent. */
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'a region looks like us-west-2')
    .optional(),
});
export type LiveVerifyRequest = z.input<typeof liveVerifyRequestSchema>;
