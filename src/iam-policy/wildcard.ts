/**
 * A piece of a policy string once its policy variables are substituted: the policy's own text, in which `*` and `?`
 * are wildcards, or a value put in for a variable (or `${*}`, `${?}`), which matches only itself.
 */
export interface PatternPiece {
  text: string;
  literal: boolean;
}

/** How a pattern matches. */
export interface WildcardOptions {
  caseInsensitive?: boolean;
  /**
   * ARN matching (`ArnLike` and friends): the six colon-separated parts are matched separately, so a wildcard in the
   * partition, service, region or account part never reaches past its colon. The resource part may hold colons.
   */
  arn?: boolean;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The number of colons before the resource part of an ARN: `arn:partition:service:region:account:resource`. */
const arnColons = 5;

function patternSource(pieces: readonly PatternPiece[], arn: boolean): string {
  let colons = 0;
  let source = '';
  for (const piece of pieces) {
    for (const character of piece.text) {
      const inResourcePart = !arn || colons >= arnColons;
      if (!piece.literal && character === '*') source += inResourcePart ? '.*' : '[^:]*';
      else if (!piece.literal && character === '?') source += inResourcePart ? '.' : '[^:]';
      else source += escapeRegExp(character);
      if (character === ':') colons++;
    }
  }
  return source;
}

/**
 * Matches a pattern given as pieces, as {@link wildcardMatch} does a plain one.
 *
 * @example
 * matchPattern([{ text: 'arn:aws:iam::*:user/', literal: false }, { text: 'a*b', literal: true }], arn, { arn: true })
 */
export function matchPattern(pieces: readonly PatternPiece[], value: string, options: WildcardOptions = {}): boolean {
  const flags = options.caseInsensitive ? 'is' : 's';
  return new RegExp(`^${patternSource(pieces, options.arn ?? false)}$`, flags).test(value);
}

/**
 * IAM's wildcard match: `*` any run of characters, `?` exactly one.
 *
 * @example
 * wildcardMatch('s3:Get*', 's3:getobject', true) // true
 */
export function wildcardMatch(pattern: string, value: string, caseInsensitive: boolean): boolean {
  return matchPattern([{ text: pattern, literal: false }], value, { caseInsensitive });
}
