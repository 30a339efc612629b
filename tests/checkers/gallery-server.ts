import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** One photo as the gallery template shows it: its key, the image URL, and (exercise 6) label lines. The upload time
 * printed under the key is fixed: no check reads it, but label parsing must not mistake it for a label. */
export interface GalleryPhoto {
  key: string;
  url: string;
  /** Lines shown under the photo, e.g. `Cat (99.6)`. */
  labels?: string[];
}

/** A real HTTP server on 127.0.0.1 standing in for the learner's Flask app, serving whatever a test composes. */
export interface Gallery {
  /** The app's address, as `--app-url` gives it. */
  readonly url: string;
  /** Serves this page (and status) from now on. */
  serve(html: string, status?: number, contentType?: string): void;
}

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/**
 * The page the course's `templates/index.html` renders (Jinja escapes `&` in URLs to `&amp;`), with labels as exercise
 * 6 adds them.
 */
export function galleryPage(photos: GalleryPhoto[]): string {
  const items = photos.map(
    (photo) => `
    <li>
      <img src="${escapeHtml(photo.url)}" alt="${escapeHtml(photo.key)}" data-key="${escapeHtml(photo.key)}">
      <p>${escapeHtml(photo.key)}<br><small>2026-11-25 10:00:00+00:00</small></p>${
        photo.labels
          ? `\n      <ul class="labels">\n        ${photo.labels.map((label) => `<li>${escapeHtml(label)}</li>`).join('')}\n      </ul>`
          : ''
      }
    </li>`,
  );
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Photo gallery</title></head>
<body>
  <h1>Photo gallery</h1>
  <p role="status">Uploaded chelsea.jpg.</p>
  <form action="/upload" method="post" enctype="multipart/form-data">
    <label for="photo">Photo</label>
    <input id="photo" name="photo" type="file" accept="image/*">
    <button type="submit">Upload</button>
  </form>
  <ul class="photos">${items.join('') || '\n    <li>No photos yet: upload one.</li>'}
  </ul>
</body>
</html>
`;
}

/** A presigned GET URL for an object, made by the real SDK presigner as boto3's generate_presigned_url makes one. */
export function presign(s3: S3Client, bucket: string, key: string, expiresIn = 3600): Promise<string> {
  return getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn });
}

/** A gallery server for the test file: started once, reset to an empty gallery before each test, closed at the end. */
export function useGallery(): Gallery {
  let server: Server;
  let page = { html: galleryPage([]), status: 200, contentType: 'text/html; charset=utf-8' };
  const gallery = {
    url: '',
    serve(html: string, status = 200, contentType = 'text/html; charset=utf-8') {
      page = { html, status, contentType };
    },
  };
  beforeAll(async () => {
    server = createServer((_request, response) =>
      response.writeHead(page.status, { 'content-type': page.contentType }).end(page.html),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    gallery.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  beforeEach(() => gallery.serve(galleryPage([])));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return gallery;
}

/** The address of a port nothing listens on: the app not started ("down"). */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/`;
}
