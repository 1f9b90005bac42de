// The zip reader under the Word import: packages as other programs write them
// (stored parts, zip64 size records, a comment after the directory) are read;
// encrypted, duplicated, split and damaged ones are refused with a sentence.
import zlib from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ZipReader, type ZipBudget } from '../../electron/services/export/zip-reader';
import { JfpError } from '../../shared/errors';

const BUDGET: ZipBudget = { maxEntries: 100, maxEntryBytes: 1_000_000, maxTotalBytes: 2_000_000 };

interface StoredPart {
  name: string;
  text: string;
  flags?: number;
  /** Write the sizes as 0xFFFFFFFF with the real ones in a zip64 extra field. */
  zip64?: boolean;
}

/** A zip of stored (uncompressed) parts, written by hand so each header field can be chosen. */
function storedZip(parts: StoredPart[], comment = ''): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const data = Buffer.from(part.text);
    const name = Buffer.from(part.name);
    const extra = part.zip64 ? Buffer.alloc(20) : Buffer.alloc(0);
    if (part.zip64) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(16, 2);
      extra.writeBigUInt64LE(BigInt(data.length), 4);
      extra.writeBigUInt64LE(BigInt(data.length), 12);
    }
    const size = part.zip64 ? 0xffffffff : data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(part.flags ?? 0, 6);
    local.writeUInt32LE(zlib.crc32(data), 14);
    local.writeUInt32LE(size, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(extra.length, 28);
    chunks.push(local, name, extra, data);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(part.flags ?? 0, 8);
    entry.writeUInt32LE(zlib.crc32(data), 16);
    entry.writeUInt32LE(size, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt16LE(extra.length, 30);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name, extra);
    offset += 30 + name.length + extra.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(Buffer.byteLength(comment), 20);
  return Buffer.concat([...chunks, directory, end, Buffer.from(comment)]);
}

const read = (zip: Uint8Array, name: string) => new TextDecoder().decode(ZipReader.open(zip, BUDGET).read(name));

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(JfpError);
    expect((error as JfpError).code).toBe('invalid_input');
    return (error as Error).message;
  }
  throw new Error('The package was accepted.');
}

describe('reading a zip package', () => {
  it('reads deflated parts (as Word writes them) only when asked', () => {
    const zip = zipSync({ 'word/document.xml': strToU8('<w:document/>'), 'word/media/big.png': new Uint8Array(500_000) });
    const reader = ZipReader.open(zip, BUDGET);
    expect(reader.names().sort()).toEqual(['word/document.xml', 'word/media/big.png']);
    expect(new TextDecoder().decode(reader.read('word/document.xml'))).toBe('<w:document/>');
  });

  it('reads stored parts, zip64 size records and a package with a comment after its directory', () => {
    const zip = storedZip(
      [
        { name: 'a.xml', text: '<a/>' },
        { name: 'b.xml', text: '<b/>', zip64: true },
      ],
      'Made by another program',
    );
    expect(read(zip, 'a.xml')).toBe('<a/>');
    expect(read(zip, 'b.xml')).toBe('<b/>');
  });

  it('counts every part read against the total budget', () => {
    const zip = storedZip([{ name: 'a.xml', text: 'x'.repeat(600) }]);
    const reader = ZipReader.open(zip, { maxEntries: 10, maxEntryBytes: 1000, maxTotalBytes: 1000 });
    reader.read('a.xml');
    expect(refusal(() => reader.read('a.xml'))).toBe('The file would be over 1000 bytes uncompressed; it was not read.');
  });

  it.each([
    [
      'an encrypted part',
      () => storedZip([{ name: 'word/document.xml', text: '<d/>', flags: 1 }]),
      'The part word/document.xml is encrypted; a Word document to import must not be password-protected.',
    ],
    [
      'two parts with one name',
      () =>
        storedZip([
          { name: 'word/document.xml', text: '<d/>' },
          { name: 'word/document.xml', text: '<e/>' },
        ]),
      'The file is not a readable Word document (.docx): it has two parts named word/document.xml; it was not read.',
    ],
    [
      'a package split across files',
      () => {
        const zip = storedZip([{ name: 'a.xml', text: '<a/>' }]);
        zip.writeUInt16LE(1, zip.length - 22 + 4);
        return zip;
      },
      'The file is not a readable Word document (.docx): it is split across several files; it was not read.',
    ],
    [
      'a package whose end is cut off',
      () => storedZip([{ name: 'a.xml', text: '<a/>' }]).subarray(0, 40),
      'The file is not a readable Word document (.docx): the end of the zip package is missing (the file may be cut short); it was not read.',
    ],
  ])('refuses %s with a sentence', (_what, make, message) => {
    expect(refusal(() => ZipReader.open(make(), BUDGET))).toBe(message);
  });

  it('refuses a part whose bytes do not match its checksum', () => {
    const zip = storedZip([{ name: 'a.xml', text: '<abc/>' }]);
    zip[30 + 'a.xml'.length + 1] = 0x78;
    expect(refusal(() => read(zip, 'a.xml'))).toBe(
      'The file is not a readable Word document (.docx): the part a.xml is damaged (its contents do not match its checksum); it was not read.',
    );
  });
});
