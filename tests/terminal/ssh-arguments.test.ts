import { describe, expect, it } from 'vitest';
import { parseSshArguments } from '../../src/terminal/ssh-arguments';

describe('parseSshArguments', () => {
  it('reads -i, user@host and the remote command', () => {
    expect(parseSshArguments(['-i', 'k.pem', 'ec2-user@203.0.113.10', 'cat', '/etc/os-release'])).toEqual({
      host: '203.0.113.10',
      user: 'ec2-user',
      port: 22,
      identityFiles: ['k.pem'],
      options: {},
      verbosity: 0,
      command: 'cat /etc/os-release',
    });
  });

  it('reads options after the destination, as OpenSSH does', () => {
    expect(parseSshArguments(['ec2-user@host', '-i', 'k.pem', '-v'])).toMatchObject({
      identityFiles: ['k.pem'],
      verbosity: 1,
    });
  });

  it('reads grouped letters and values attached to their letter', () => {
    expect(parseSshArguments(['-Tvik.pem', '-p2222', '-oStrictHostKeyChecking=no', 'host'])).toMatchObject({
      identityFiles: ['k.pem'],
      port: 2222,
      verbosity: 1,
      options: { stricthostkeychecking: 'no' },
    });
  });

  it('lets -l name the user over the destination', () => {
    expect(parseSshArguments(['-l', 'ubuntu', 'ec2-user@host'])).toMatchObject({ user: 'ubuntu' });
  });

  it('reads an ssh:// destination with its user and port', () => {
    expect(parseSshArguments(['ssh://ec2-user@host:2200'])).toMatchObject({
      host: 'host',
      user: 'ec2-user',
      port: 2200,
    });
  });

  it('takes -o IdentityFile as another key file', () => {
    expect(parseSshArguments(['-o', 'IdentityFile=k.pem', 'host'])).toMatchObject({ identityFiles: ['k.pem'] });
  });

  it('refuses an option without its value', () => {
    expect(parseSshArguments(['host', '-i'])).toMatchObject({
      exitCode: 255,
      message: expect.stringMatching(/^ssh: option requires an argument -- i\nusage: ssh /),
    });
  });

  it('refuses a port that is not a number', () => {
    expect(parseSshArguments(['-p', 'ssh', 'host'])).toEqual({ exitCode: 255, message: "Bad port 'ssh'\n" });
  });

  it('prints the usage without a destination', () => {
    expect(parseSshArguments(['-v'])).toMatchObject({ exitCode: 255, message: expect.stringMatching(/^usage: ssh /) });
  });
});
