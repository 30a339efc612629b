import type { AwsContext } from './aws-context';
import { debugHandler } from './debug-handler';
import type { GlobalOptions } from './global-options';
import type { ResolvedConfig } from './resolve-config';
import type { ServiceModel, SdkClient } from './service-model';

/** Whether S3 must use path-style addresses: an `--endpoint-url` that is an IP address or `localhost`. */
function pathStyleEndpoint(endpoint: string | undefined): boolean {
  if (!endpoint) return false;
  try {
    const host = new URL(endpoint).hostname;
    return host === 'localhost' || /^[\d.]+$/.test(host) || host.startsWith('[');
  } catch {
    return false;
  }
}

/** An SDK client for the service, configured as the CLI resolved it, sending through the shell's handler (logged with `--debug`). */
export function makeClient(
  model: ServiceModel,
  config: ResolvedConfig,
  options: GlobalOptions,
  context: Pick<AwsContext, 'requestHandler' | 'stderr'>,
  operation = '',
): SdkClient {
  const requestHandler = options.debug
    ? debugHandler(context.requestHandler, operation, context.stderr)
    : context.requestHandler;
  return new model.Client({
    region: config.region,
    credentials: config.credentials,
    maxAttempts: 1,
    requestHandler,
    ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}),
    ...(model.cliName === 's3api' && pathStyleEndpoint(options.endpointUrl) ? { forcePathStyle: true } : {}),
    // CLI 2.9 sends and checks S3 checksums only where an operation requires them.
    ...(model.cliName === 's3api'
      ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }
      : {}),
  });
}
