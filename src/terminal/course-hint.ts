/**
 * The course's line under a command's own error: which rule failed and where to look, prefixed so that it reads as
 * the course speaking, never as the command (`ssh`, `xdg-open`) itself.
 */
export const courseHint = (text: string) => `hint: ${text}\n`;
