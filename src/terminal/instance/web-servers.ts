import { apacheTestPage } from './package-catalogue';

/** A web server a package installs: where it serves files from, how it names itself, and its own pages. */
export interface WebServer {
  /** The systemd service that runs it. */
  service: string;
  documentRoot: string;
  /** Its `Server` header. */
  server: string;
  /** The status and page for `/` when the document root has no index (Apache's welcome page, 403). */
  noIndex?: { status: number; page: string };
  /** Its 404 page. */
  notFound: string;
}

/** The web servers an instance can run, in the order they are asked for port 80. */
export const webServers: WebServer[] = [
  {
    service: 'httpd',
    documentRoot: '/var/www/html',
    server: 'Apache/2.4.62 ()',
    noIndex: { status: 403, page: apacheTestPage },
    notFound:
      '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n' +
      '</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n',
  },
  {
    service: 'nginx',
    documentRoot: '/usr/share/nginx/html',
    server: 'nginx/1.26.3',
    notFound:
      '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n' +
      '<hr><center>nginx/1.26.3</center>\r\n</body>\r\n</html>\r\n',
  },
];

/** Content types by file extension, as the servers' mime tables give them. */
const contentTypes: Record<string, string> = {
  html: 'text/html; charset=UTF-8',
  htm: 'text/html; charset=UTF-8',
  css: 'text/css',
  js: 'text/javascript',
  json: 'application/json',
  txt: 'text/plain; charset=UTF-8',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
};

/** A file's content type by its extension; `text/plain` for one the table does not know. */
export function contentTypeOf(path: string): string {
  const extension = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return contentTypes[extension] ?? 'text/plain; charset=UTF-8';
}
