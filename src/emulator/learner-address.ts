/**
 * The learner's public address as the sandbox sees it: the page has no real one, so it is an address kept for
 * documentation (RFC 5737). `curl https://checkip.amazonaws.com` in the lab terminal answers it, so a rule for
 * "My IP" is `198.51.100.23/32`.
 */
export const learnerAddress = '198.51.100.23';
