// Zip packages built the way an attacker would, for the hostile-file tests:
// parts that inflate to hundreds of megabytes from a few hundred kilobytes,
// sizes that lie, thousands of parts. Parts are deflated as a stream from a
// repeated piece, so making a 190 MB part never holds 190 MB here.
import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';

export interface HostilePart {
  name: string;
  head?: string;
  /** Repeated `times` times between head and tail. */
  body?: string;
  times?: number;
  tail?: string;
  /** Bytes of random (incompressible) data after the tail, as an image would be. */
  randomBytes?: number;
  /** The uncompressed size the package claims (the true size when omitted). */
  claimedSize?: number;
}

interface Packed {
  name: Buffer;
  data: Buffer;
  crc: number;
  size: number;
  claimedSize: number;
}

async function pack(part: HostilePart, level: number): Promise<Packed> {
  const deflate = zlib.createDeflateRaw({ level });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  const write = async (text: string | Buffer) => {
    const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    crc = zlib.crc32(bytes, crc);
    size += bytes.length;
    if (!deflate.write(bytes)) await new Promise((resolve) => deflate.once('drain', resolve));
  };
  if (part.head) await write(part.head);
  if (part.body) {
    // Repeat in blocks of about 1 MB, so the stream is fed quickly without a large string.
    const perBlock = Math.max(1, Math.floor(1048576 / Math.max(1, part.body.length)));
    const block = part.body.repeat(perBlock);
    let left = part.times ?? 1;
    while (left >= perBlock) {
      await write(block);
      left -= perBlock;
    }
    if (left > 0) await write(part.body.repeat(left));
  }
  if (part.tail) await write(part.tail);
  for (let left = part.randomBytes ?? 0; left > 0; left -= 1048576) await write(randomBytes(Math.min(left, 1048576)));
  deflate.end();
  await done;
  return { name: Buffer.from(part.name, 'utf8'), data: Buffer.concat(out), crc: crc >>> 0, size, claimedSize: part.claimedSize ?? size };
}

/** A zip of the parts, deflated, with the sizes each part claims. */
/**
 * `level`: zlib's, 9 (the smallest file) unless a test only needs the inflated size, where 1 deflates a
 * 400 MB part about four times faster.
 */
export async function hostileZip(parts: readonly HostilePart[], { level = 9 }: { level?: number } = {}): Promise<Buffer> {
  const packed: Packed[] = [];
  for (const part of parts) packed.push(await pack(part, level));
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of packed) {
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(p.crc, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(p.claimedSize >>> 0, 22);
    local.writeUInt16LE(p.name.length, 26);
    locals.push(local, p.name, p.data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(p.crc, 16);
    central.writeUInt32LE(p.data.length, 20);
    central.writeUInt32LE(p.claimedSize >>> 0, 24);
    central.writeUInt16LE(p.name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, p.name);
    offset += 30 + p.name.length + p.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(packed.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(packed.length, 0xffff), 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** The parts every Word document has around its main document and comments. */
export function wordShell(options: { comments: boolean }): HostilePart[] {
  const rel = (type: string, target: string, id: string) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/${type}" Target="${target}"/>`;
  return [
    {
      name: '[Content_Types].xml',
      head: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
    },
    {
      name: '_rels/.rels',
      head: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('officeDocument/2006/relationships/officeDocument', 'word/document.xml', 'rId1')}</Relationships>`,
    },
    {
      name: 'word/_rels/document.xml.rels',
      head: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${options.comments ? rel('officeDocument/2006/relationships/comments', 'comments.xml', 'rId9') : ''}</Relationships>`,
    },
  ];
}
