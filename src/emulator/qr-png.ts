/**
 * A QR code as a PNG image, as IAM's CreateVirtualMFADevice answers the `otpauth://` URI an authenticator app scans.
 * The `qrcode` package lays out the modules; the PNG (RFC 2083: one 8-bit grey channel, zlib-compressed with the
 * platform's CompressionStream) is written here, since the package's own PNG writer needs Node's zlib or a canvas.
 */
import { concatBytes } from './base64';

/** Pixels per QR module, and the quiet zone around the code, in modules (the QR standard asks for four). */
const scale = 4;
const quietZone = 4;

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** One PNG chunk: length, type, data and the CRC of type and data. */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const typed = concatBytes([new TextEncoder().encode(type), data]);
  const out = new Uint8Array(typed.length + 8);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(typed, 4);
  view.setUint32(typed.length + 4, crc32(typed));
  return out;
}

async function zlib(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * The PNG bytes of a QR code for `text`.
 *
 * @example
 * await qrPng('otpauth://totp/Amazon%20Web%20Services:ana@123456789012?secret=…') // Uint8Array [0x89, 0x50, …]
 */
export async function qrPng(text: string): Promise<Uint8Array> {
  // Loaded when a device is made, so the sandbox's bundle does not carry the QR layout for every page.
  const { default: QRCode } = await import('qrcode');
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const side = (modules.size + 2 * quietZone) * scale;
  const rows = new Uint8Array(side * (side + 1));
  for (let y = 0; y < side; y++) {
    const row = y * (side + 1);
    for (let x = 0; x < side; x++) {
      const [mx, my] = [Math.floor(x / scale) - quietZone, Math.floor(y / scale) - quietZone];
      const inside = mx >= 0 && my >= 0 && mx < modules.size && my < modules.size;
      rows[row + 1 + x] = inside && modules.get(my, mx) ? 0 : 255;
    }
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, side);
  view.setUint32(4, side);
  header.set([8, 0, 0, 0, 0], 8);
  const signature = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return concatBytes([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', await zlib(rows)),
    chunk('IEND', new Uint8Array()),
  ]);
}
