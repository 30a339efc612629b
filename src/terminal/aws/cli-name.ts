/** Acronym plurals (`GatewayARNs`, `ListWebACLs`) become `-arns`, `-acls` before the general rule runs. */
const pluralAcronym = /[A-Z]{2,}s$/;
/** A capitalised word after any character starts a new part: `DescribeVpcs` → `Describe-Vpcs`. */
const capitalisedWord = /(.)([A-Z][a-z]+)/g;
/** A capital after a lower-case letter or digit starts a new part: `Ipv6CidrBlock` keeps `Ipv6` whole. */
const capitalAfterLower = /([a-z0-9])([A-Z])/g;

/**
 * The AWS CLI's name for a model name (botocore's `xform_name` with `-`): operations and parameters alike.
 *
 * @example
 * cliName('DescribeVpcs'); // 'describe-vpcs'
 * cliName('DBInstanceIdentifier'); // 'db-instance-identifier'
 * cliName('ListWebACLs'); // 'list-web-acls'
 */
export function cliName(name: string): string {
  if (name.includes('-')) return name;
  const plural = pluralAcronym.exec(name)?.[0];
  const split = plural ? `${name.slice(0, -plural.length)}-${plural.toLowerCase()}` : name;
  return split.replace(capitalisedWord, '$1-$2').replace(capitalAfterLower, '$1-$2').toLowerCase();
}
