/** The systemd services a sandbox instance knows: the image's own, and those a package brings. */
export interface ServiceUnit {
  /** The unit's Description, which `systemctl status` prints after its name. */
  description: string;
  /** Its Documentation, for `systemctl status`. */
  docs?: string;
  /** The main process's name, for `systemctl status`. */
  process: string;
  /** The package that installs it; absent for the image's own services. */
  package?: string;
  /** What the service tells systemd once it runs, for `systemctl status`. */
  status?: string;
}

/** Every unit, by name without `.service`. */
export const serviceUnits: Record<string, ServiceUnit> = {
  sshd: { description: 'OpenSSH server daemon', docs: 'man:sshd(8) man:sshd_config(5)', process: 'sshd' },
  chronyd: { description: 'NTP client/server', docs: 'man:chronyd(8) man:chrony.conf(5)', process: 'chronyd' },
  'amazon-ssm-agent': { description: 'amazon-ssm-agent', process: 'amazon-ssm-agent' },
  httpd: {
    description: 'The Apache HTTP Server',
    docs: 'man:httpd.service(8)',
    process: 'httpd',
    package: 'httpd',
    status: 'Started, listening on: port 80',
  },
  nginx: { description: 'The nginx HTTP and reverse proxy server', process: 'nginx', package: 'nginx' },
};

/** Whether a service runs now, and whether it starts at boot. */
export interface ServiceState {
  active: boolean;
  enabled: boolean;
}

/** The services an image boots with: running, and started at every boot. */
export function imageServices(): Map<string, ServiceState> {
  return new Map(
    Object.entries(serviceUnits)
      .filter(([, unit]) => unit.package === undefined)
      .map(([name]) => [name, { active: true, enabled: true }]),
  );
}
