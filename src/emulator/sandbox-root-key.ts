/**
 * The sandbox account's root key pair: documented in the README and the lessons, used by the browser terminal and
 * by `awscourse emulator`. It opens nothing but the sandbox. A module of its own, so that the terminal's first
 * files can name it without loading the sandbox's state schema (zod) before its prompt.
 */
export const sandboxRootKey = {
  accessKeyId: 'AKIASANDBOXROOT00001',
  secretAccessKey: 'sandbox/root/secret/key/for/offline/0001',
} as const;
