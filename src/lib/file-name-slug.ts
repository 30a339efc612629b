/** The longest slug {@link fileNameSlug} makes, in characters, so a file name stays well under every OS's limit. */
export const fileNameSlugMaxLength = 60;

/**
 * Words made safe for a file name on every OS: accents dropped, lower case, every run of anything but letters and
 * digits turned into one `-`, no `-` at either end, at most {@link fileNameSlugMaxLength} characters. Letters of other
 * scripts are kept; a text with no letters or digits gives `''`, so the caller picks a fallback.
 *
 * @example
 * fileNameSlug('Élève Numéro 7'); // 'eleve-numero-7'
 * fileNameSlug('../CON: *?'); // 'con'
 */
export function fileNameSlug(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-');
  return [...words]
    .slice(0, fileNameSlugMaxLength)
    .join('')
    .replace(/^-+|-+$/g, '');
}
