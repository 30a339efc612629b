/**
 * The EC2 instance types the AWS Free Tier covers, which depend on when the account was created (Amazon EC2 User
 * Guide, "Track your Free Tier usage for Amazon EC2", and https://aws.amazon.com/free/).
 */

/** Accounts created on or after 15 July 2025: these types, within the account's free credits. */
export const freeTierTypesSinceJuly2025: readonly string[] = [
  't3.micro',
  't3.small',
  't4g.micro',
  't4g.small',
  'c7i-flex.large',
  'm7i-flex.large',
];

/** Accounts created before 15 July 2025: t2.micro, or t3.micro in the regions that have no T2. */
export const freeTierTypesBeforeJuly2025: readonly string[] = ['t2.micro', 't3.micro'];

/**
 * The micro types that are free-tier eligible for some account, old or new: what a course that says "t2.micro, or
 * the free-tier type of your account" accepts.
 */
export const freeTierMicroTypes: readonly string[] = [
  ...new Set([...freeTierTypesBeforeJuly2025, ...freeTierTypesSinceJuly2025]),
].filter((type) => type.endsWith('.micro'));
