import { describe, expect, it } from 'vitest';
import { forwardToReal } from '../../src/emulator/forward-to-real';

class Greeting {
  constructor(readonly name: string) {}
  get loud(): string {
    return this.name.toUpperCase();
  }
  greet(to: string): string {
    return `${this.name} greets ${to}`;
  }
}

class CheapGreeting {
  made = 0;
  get loud(): string {
    return 'CHEAP';
  }
  get real(): Greeting {
    this.made++;
    return new Greeting('real');
  }
}
forwardToReal(CheapGreeting, Greeting);
const cheap = () => new CheapGreeting() as CheapGreeting & Greeting;

describe('forwardToReal', () => {
  it('makes the stand-in an instance of the platform class', () => {
    expect(cheap()).toBeInstanceOf(Greeting);
  });

  it('leaves the members the stand-in defines to it, without making the real object', () => {
    const standIn = cheap();
    expect(standIn.loud).toBe('CHEAP');
    expect(standIn.made).toBe(0);
  });

  it('answers the members the stand-in lacks through the real object', () => {
    const standIn = cheap();
    expect(standIn.greet('you')).toBe('real greets you');
    expect(standIn.made).toBe(1);
  });
});
