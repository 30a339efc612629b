import { learnerAddress } from '../emulator/learner-address';

/** checkip.amazonaws.com, over http or https, at its root. */
const checkIpUrl = /^https?:\/\/checkip\.amazonaws\.com(?::\d+)?\/(?:\?.*)?$/i;

/**
 * The lab terminal's network with `checkip.amazonaws.com` answering the learner's address as the sandbox sees it
 * ({@link learnerAddress}), so `--cidr $(curl -s https://checkip.amazonaws.com)/32` makes the rule reachInstance
 * lets in. It lives in the terminal's network, not in the sandbox: the sandbox also serves live-mode tools through
 * its Node endpoint, where the real service must answer the real address.
 */
export function withCheckIp(network: typeof fetch): typeof fetch {
  return (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!checkIpUrl.test(url)) return network(input, init);
    return Promise.resolve(
      new Response(`${learnerAddress}\n`, { headers: { 'content-type': 'text/plain;charset=UTF-8' } }),
    );
  };
}
