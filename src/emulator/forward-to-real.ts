/** An object that stands in for a platform object (a `Request`, a `Response`) and can make the real one on demand. */
export interface StandIn<Real> {
  readonly real: Real;
}

/**
 * Completes a stand-in class for a platform class: every getter and method of `platform` that the stand-in does not
 * define itself is answered by the instance's `real` object, and `instanceof platform` holds. The stand-in answers
 * what the sandbox uses cheaply; anything else still behaves exactly as the platform's own object would.
 *
 * @example
 * class ReceivedRequest { url = '…'; get real() { return new Request(this.url); } }
 * forwardToReal(ReceivedRequest, Request); // new ReceivedRequest().signal is a real Request's signal
 */
export function forwardToReal<Real extends object>(
  standIn: abstract new (...args: never[]) => StandIn<Real>,
  platform: abstract new (...args: never[]) => Real,
): void {
  for (const name of Object.getOwnPropertyNames(platform.prototype)) {
    if (Object.hasOwn(standIn.prototype, name)) continue;
    const member = Object.getOwnPropertyDescriptor(platform.prototype, name)!;
    const forwarded: PropertyDescriptor =
      typeof member.value === 'function'
        ? {
            value(this: StandIn<Real>, ...args: unknown[]) {
              return member.value.apply(this.real, args);
            },
          }
        : {
            get(this: StandIn<Real>) {
              return member.get?.call(this.real);
            },
          };
    Object.defineProperty(standIn.prototype, name, { ...forwarded, configurable: true });
  }
  Object.setPrototypeOf(standIn.prototype, platform.prototype);
}
