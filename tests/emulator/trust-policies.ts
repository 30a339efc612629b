/** A trust policy allowing these principals to assume a role, e.g. `{ Service: 'ec2.amazonaws.com' }`. */
export function trustPolicyFor(principal: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra }],
  });
}

/** The trust policy of a role for EC2 instances. */
export const ec2Trust = trustPolicyFor({ Service: 'ec2.amazonaws.com' });
