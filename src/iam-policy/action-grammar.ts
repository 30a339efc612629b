/**
 * What IAM says about one entry of Action or NotAction, or null when it takes it: `*`, or a vendor (letters, digits,
 * dots and dashes) and anything after one colon. IAM does not check that the vendor or the action exists, so
 * `s3:GetObjekt` is accepted and simply never matches.
 *
 * @example
 * actionProblem('s3:GetObject') // null
 * actionProblem('GetObject') // { message: 'Actions/Conditions must be prefaced by a vendor, …', explanation: … }
 */
export function actionProblem(action: string): { message: string; explanation: string } | null {
  if (action === '*') return null;
  const parts = action.split(':');
  if (parts.length === 1)
    return {
      message: 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
      explanation: `"${action}" names no service. Write service:Operation, e.g. "s3:GetObject", or "*".`,
    };
  if (parts.length > 2)
    return {
      message: 'Actions/Condition can contain only one colon.',
      explanation: `"${action}" has ${parts.length - 1} colons; an action is service:Operation, e.g. "ec2:Describe*".`,
    };
  const [vendor = ''] = parts;
  if (vendor !== '*' && !/^[A-Za-z0-9.-]*$/.test(vendor))
    return {
      message: `Vendor ${vendor} is not valid`,
      explanation: 'A service prefix is letters, digits, dots and dashes, such as "s3" or "ec2".',
    };
  return null;
}
