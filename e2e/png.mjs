// Shrinks a screenshot for committing: decodes an 8-bit RGB/RGBA PNG (as
// Chromium writes them), reduces it to a 256-colour palette (variance-based
// median cut, no dithering: UI screenshots are flat colours plus text
// anti-aliasing) and writes an indexed PNG. Node built-ins only.
import { deflateSync, inflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(buf) {
  let c = -1;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Decodes a non-interlaced 8-bit RGB or RGBA PNG to { width, height, rgb }. */
export function decodePng(png) {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
  let pos = 8;
  let width, height, colorType;
  const idat = [];
  while (pos < png.length) {
    const length = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      colorType = data[9];
      if (data[8] !== 8 || ![2, 6].includes(colorType) || data[12] !== 0) {
        throw new Error('only 8-bit, non-interlaced RGB/RGBA PNGs are supported');
      }
    } else if (type === 'IDAT') {
      idat.push(data);
    }
    pos += 12 + length;
  }
  const bpp = colorType === 6 ? 4 : 3;
  const stride = width * bpp;
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? pixels[out + x - bpp] : 0;
      const b = y > 0 ? pixels[out - stride + x] : 0;
      const c = x >= bpp && y > 0 ? pixels[out - stride + x - bpp] : 0;
      let v = line[x];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[out + x] = v & 0xff;
    }
  }
  const rgb = new Uint32Array(width * height);
  for (let i = 0; i < rgb.length; i++) {
    const p = i * bpp;
    rgb[i] = (pixels[p] << 16) | (pixels[p + 1] << 8) | pixels[p + 2];
  }
  return { width, height, rgb };
}

/** Splits the colour set into at most `size` boxes; returns [palette, colour -> index]. */
function medianCut(histogram, size) {
  const channel = (c, ch) => (c >> (16 - 8 * ch)) & 0xff;
  const stats = (colors) => {
    let n = 0;
    const sum = [0, 0, 0];
    const sq = [0, 0, 0];
    for (const [c, count] of colors) {
      n += count;
      for (let ch = 0; ch < 3; ch++) {
        const v = channel(c, ch);
        sum[ch] += v * count;
        sq[ch] += v * v * count;
      }
    }
    const variance = sq.map((s, ch) => s - (sum[ch] * sum[ch]) / n);
    return { colors, n, mean: sum.map((s) => Math.round(s / n)), variance, error: variance[0] + variance[1] + variance[2] };
  };
  const boxes = [stats([...histogram])];
  while (boxes.length < size) {
    let best = -1;
    for (let i = 0; i < boxes.length; i++) {
      if (boxes[i].colors.length > 1 && (best < 0 || boxes[i].error > boxes[best].error)) best = i;
    }
    if (best < 0 || boxes[best].error <= 0) break;
    const box = boxes[best];
    const ch = box.variance.indexOf(Math.max(...box.variance));
    const sorted = box.colors.sort((x, y) => channel(x[0], ch) - channel(y[0], ch));
    let acc = 0;
    let cut = 1;
    for (; cut < sorted.length - 1; cut++) {
      acc += sorted[cut - 1][1];
      if (acc >= box.n / 2) break;
    }
    boxes.splice(best, 1, stats(sorted.slice(0, cut)), stats(sorted.slice(cut)));
  }
  const index = new Map();
  boxes.forEach((box, i) => {
    for (const [c] of box.colors) index.set(c, i);
  });
  return [boxes.map((b) => b.mean), index];
}

/** Re-encodes a PNG with a 256-colour palette. */
export function quantizePng(png) {
  const { width, height, rgb } = decodePng(png);
  const histogram = new Map();
  for (const c of rgb) histogram.set(c, (histogram.get(c) ?? 0) + 1);
  const [palette, index] = medianCut(histogram, 256);
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0;
    for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = index.get(rgb[y * width + x]);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 3; // indexed colour
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('PLTE', Buffer.from(palette.flat())),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
