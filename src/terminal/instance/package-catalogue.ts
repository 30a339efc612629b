/**
 * The packages `dnf` on a sandbox instance knows: what Amazon Linux 2023's repository offers for the course's
 * exercises (web servers, pip, git), what each brings with it, the files it lays down, and the service it runs.
 */

/** One package as dnf's transaction table lists it. `native` is the instance's own architecture. */
export interface PackageRecord {
  name: string;
  /** `[epoch:]version-release`, as dnf prints it. */
  version: string;
  arch: 'native' | 'noarch';
  /** The download size, as dnf prints it (`47 k`, `1.4 M`). */
  size: string;
}

/** A package the learner can name, with what it brings and what it leaves on the disk. */
export interface InstallablePackage extends PackageRecord {
  dependencies: PackageRecord[];
  /** Packages dnf installs as weak dependencies (`Installing weak dependencies:`). */
  weakDependencies: PackageRecord[];
  /** What it and its dependencies take on the disk, as dnf prints it; the download is the sum of the rows. */
  installedSize: string;
  /** Files the package installs, by absolute path. */
  files: Record<string, string>;
  /** Empty directories it makes (a web server's document root). */
  directories: string[];
  /** The systemd service it provides, by unit name without `.service`. */
  service?: string;
}

const httpdVersion = '2.4.62-1.amzn2023';

/** The test page Apache on Amazon Linux answers `/` with while the document root has no index. */
export const apacheTestPage = '<html><body><h1>It works!</h1></body></html>\n';

const httpdConf = `ServerRoot "/etc/httpd"
Listen 80
Include conf.modules.d/*.conf
User apache
Group apache
ServerAdmin root@localhost
<Directory />
    AllowOverride none
    Require all denied
</Directory>
DocumentRoot "/var/www/html"
<Directory "/var/www/html">
    Options Indexes FollowSymLinks
    AllowOverride None
    Require all granted
</Directory>
<IfModule dir_module>
    DirectoryIndex index.html
</IfModule>
ErrorLog "logs/error_log"
LogLevel warn
IncludeOptional conf.d/*.conf
`;

const nginxWelcome = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and working.</p>
</body>
</html>
`;

const nginxConf = `user nginx;
worker_processes auto;
error_log /var/log/nginx/error.log notice;
pid /run/nginx.pid;
events {
    worker_connections 1024;
}
http {
    server {
        listen       80;
        listen       [::]:80;
        server_name  _;
        root         /usr/share/nginx/html;
    }
}
`;

/** The packages `dnf install` finds, by name. */
export const packageCatalogue: Record<string, InstallablePackage> = {
  httpd: {
    name: 'httpd',
    version: httpdVersion,
    arch: 'native',
    size: '47 k',
    dependencies: [
      { name: 'apr', version: '1.7.5-1.amzn2023.0.1', arch: 'native', size: '129 k' },
      { name: 'apr-util', version: '1.6.3-1.amzn2023.0.1', arch: 'native', size: '98 k' },
      { name: 'generic-logos-httpd', version: '18.0.0-12.amzn2023.0.3', arch: 'noarch', size: '19 k' },
      { name: 'httpd-core', version: httpdVersion, arch: 'native', size: '1.4 M' },
      { name: 'httpd-filesystem', version: httpdVersion, arch: 'noarch', size: '14 k' },
      { name: 'httpd-tools', version: httpdVersion, arch: 'native', size: '81 k' },
      { name: 'libbrotli', version: '1.0.9-4.amzn2023.0.2', arch: 'native', size: '315 k' },
      { name: 'mailcap', version: '2.1.49-3.amzn2023.0.3', arch: 'noarch', size: '33 k' },
    ],
    weakDependencies: [
      { name: 'apr-util-openssl', version: '1.6.3-1.amzn2023.0.1', arch: 'native', size: '17 k' },
      { name: 'mod_http2', version: '2.0.27-1.amzn2023.0.2', arch: 'native', size: '166 k' },
      { name: 'mod_lua', version: httpdVersion, arch: 'native', size: '61 k' },
    ],
    installedSize: '6.9 M',
    files: {
      '/etc/httpd/conf/httpd.conf': httpdConf,
      '/usr/share/httpd/noindex/index.html': apacheTestPage,
    },
    directories: ['/var/www/html', '/var/www/cgi-bin', '/var/log/httpd'],
    service: 'httpd',
  },
  nginx: {
    name: 'nginx',
    version: '1:1.26.3-1.amzn2023.0.1',
    arch: 'native',
    size: '33 k',
    dependencies: [
      { name: 'generic-logos-httpd', version: '18.0.0-12.amzn2023.0.3', arch: 'noarch', size: '19 k' },
      { name: 'gperftools-libs', version: '2.9.1-1.amzn2023.0.3', arch: 'native', size: '308 k' },
      { name: 'libunwind', version: '1.4.0-5.amzn2023.0.2', arch: 'native', size: '66 k' },
      { name: 'nginx-core', version: '1:1.26.3-1.amzn2023.0.1', arch: 'native', size: '588 k' },
      { name: 'nginx-filesystem', version: '1:1.26.3-1.amzn2023.0.1', arch: 'noarch', size: '9.8 k' },
      { name: 'nginx-mimetypes', version: '2.1.49-3.amzn2023.0.3', arch: 'noarch', size: '21 k' },
    ],
    weakDependencies: [],
    installedSize: '3.4 M',
    files: { '/etc/nginx/nginx.conf': nginxConf, '/usr/share/nginx/html/index.html': nginxWelcome },
    directories: ['/var/log/nginx'],
    service: 'nginx',
  },
  'python3-pip': {
    name: 'python3-pip',
    version: '21.3.1-2.amzn2023.0.11',
    arch: 'noarch',
    size: '1.8 M',
    dependencies: [{ name: 'libxcrypt-compat', version: '4.4.33-7.amzn2023', arch: 'native', size: '92 k' }],
    weakDependencies: [],
    installedSize: '11 M',
    files: { '/usr/bin/pip3': '' },
    directories: [],
  },
  git: {
    name: 'git',
    version: '2.50.1-1.amzn2023.0.1',
    arch: 'native',
    size: '53 k',
    dependencies: [
      { name: 'git-core', version: '2.50.1-1.amzn2023.0.1', arch: 'native', size: '4.9 M' },
      { name: 'git-core-doc', version: '2.50.1-1.amzn2023.0.1', arch: 'noarch', size: '2.8 M' },
      { name: 'perl-Error', version: '1:0.17029-5.amzn2023.0.2', arch: 'noarch', size: '41 k' },
      { name: 'perl-File-Find', version: '1.37-477.amzn2023.0.7', arch: 'noarch', size: '25 k' },
      { name: 'perl-Git', version: '2.50.1-1.amzn2023.0.1', arch: 'noarch', size: '41 k' },
      { name: 'perl-TermReadKey', version: '2.38-9.amzn2023.0.2', arch: 'native', size: '36 k' },
      { name: 'perl-lib', version: '0.65-477.amzn2023.0.7', arch: 'native', size: '15 k' },
    ],
    weakDependencies: [],
    installedSize: '41 M',
    files: {},
    directories: [],
  },
  jq: {
    name: 'jq',
    version: '1.7.1-1.amzn2023.0.1',
    arch: 'native',
    size: '188 k',
    dependencies: [{ name: 'oniguruma', version: '6.9.7.1-1.amzn2023.0.3', arch: 'native', size: '219 k' }],
    weakDependencies: [],
    installedSize: '1.2 M',
    files: {},
    directories: [],
  },
  tree: {
    name: 'tree',
    version: '1.8.0-6.amzn2023.0.2',
    arch: 'native',
    size: '56 k',
    dependencies: [],
    weakDependencies: [],
    installedSize: '113 k',
    files: {},
    directories: [],
  },
};

/** What an Amazon Linux 2023 image has installed before anything is asked for, with their versions. */
export const imagePackages: Record<string, string> = {
  python3: '3.9.24-1.amzn2023.0.1',
  'awscli-2': '2.31.3-1.amzn2023.0.1',
  'curl-minimal': '8.11.1-4.amzn2023.0.1',
  sudo: '1.9.15-1.amzn2023.0.1',
  'openssh-server': '8.7p1-8.amzn2023.0.4',
  dnf: '4.14.0-1.amzn2023.0.1',
};

/** A package's architecture on an instance: `x86_64` or `aarch64` for an `native` one. */
export function archOf(record: Pick<PackageRecord, 'arch'>, architecture: 'x86_64' | 'arm64'): string {
  if (record.arch === 'noarch') return 'noarch';
  return architecture === 'arm64' ? 'aarch64' : 'x86_64';
}
