// Reading a zip package (a .docx) from outside without trusting it: only the
// central directory is read when the package is opened; a part is inflated
// when it is asked for, and inflation stops as soon as it passes the part's
// declared size, the per-part budget or what is left of the package's total
// budget, so a small file that would inflate to gigabytes costs a few
// megabytes and a fraction of a second. Truncated, encrypted, multi-disk and
// otherwise damaged packages are refused with a sentence.
import zlib from 'node:zlib';
import { JfpError } from '../../../shared/errors';

export interface ZipBudget {
  maxEntries: number;
  /** Most bytes one part may inflate to. */
  maxEntryBytes: number;
  /** Most bytes all the parts read from one package may inflate to together. */
  maxTotalBytes: number;
}

interface Entry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_END64 = 0x06064b50;
const SIG_END64_LOCATOR = 0x07064b50;
const STORED = 0;
const DEFLATED = 8;

const invalid = (message: string) => new JfpError('invalid_input', message);
const damaged = (why: string) => invalid(`The file is not a readable Word document (.docx): ${why}; it was not read.`);

// The size in words lives in shared/ (the command line prints it too); kept importable from here.
export { formatBytes } from '../../../shared/bytes';
import { formatBytes } from '../../../shared/bytes';

const tooLargePart = (entry: Entry, budget: ZipBudget) =>
  invalid(`The part ${entry.name} says it is ${formatBytes(entry.size)} uncompressed, over the ${formatBytes(budget.maxEntryBytes)} limit; the file was not read.`);
const tooLargeTotal = (budget: ZipBudget) => invalid(`The file would be over ${formatBytes(budget.maxTotalBytes)} uncompressed; it was not read.`);

export class ZipReader {
  private inflatedTotal = 0;

  private constructor(
    private readonly bytes: Uint8Array,
    private readonly entries: Map<string, Entry>,
    private readonly budget: ZipBudget,
  ) {}

  /** Reads the package's directory (nothing is inflated); throws JfpError('invalid_input') for anything that is not a sound zip. */
  static open(bytes: Uint8Array, budget: ZipBudget): ZipReader {
    if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw invalid('The file is not a Word document (.docx): it is not a zip package.');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const end = findEnd(view);
    if (end < 0) throw damaged('the end of the zip package is missing (the file may be cut short)');
    if (view.getUint16(end + 4, true) !== 0 || view.getUint16(end + 6, true) !== 0) throw damaged('it is split across several files');
    let count = view.getUint16(end + 10, true);
    let directorySize = view.getUint32(end + 12, true);
    let directoryOffset = view.getUint32(end + 16, true);
    if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
      const zip64 = readEnd64(view, end);
      count = zip64.count;
      directorySize = zip64.directorySize;
      directoryOffset = zip64.directoryOffset;
    }
    if (count > budget.maxEntries) throw invalid(`The file has more than ${budget.maxEntries.toLocaleString('en-GB')} parts; it was not read.`);
    if (directoryOffset + directorySize > bytes.length) throw damaged('its list of parts runs past the end of the file (the file may be cut short)');

    const entries = new Map<string, Entry>();
    const decoder = new TextDecoder('utf-8');
    let declaredTotal = 0;
    let at = directoryOffset;
    for (let i = 0; i < count; i++) {
      if (at + 46 > bytes.length || view.getUint32(at, true) !== SIG_CENTRAL) throw damaged('its list of parts is damaged');
      const flags = view.getUint16(at + 8, true);
      const nameLength = view.getUint16(at + 28, true);
      const extraLength = view.getUint16(at + 30, true);
      const commentLength = view.getUint16(at + 32, true);
      if (at + 46 + nameLength + extraLength > bytes.length) throw damaged('its list of parts is damaged');
      const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
      const entry: Entry = {
        name,
        method: view.getUint16(at + 10, true),
        crc: view.getUint32(at + 16, true),
        compressedSize: view.getUint32(at + 20, true),
        size: view.getUint32(at + 24, true),
        localOffset: view.getUint32(at + 42, true),
      };
      applyZip64Extra(view, at + 46 + nameLength, extraLength, entry);
      if (flags & 0x0001) throw invalid(`The part ${name} is encrypted; a Word document to import must not be password-protected.`);
      if (entries.has(name)) throw damaged(`it has two parts named ${name}`);
      // What the package says of itself is checked before anything is inflated; read() holds it to its word.
      if (entry.size > budget.maxEntryBytes) throw tooLargePart(entry, budget);
      declaredTotal += entry.size;
      if (declaredTotal > budget.maxTotalBytes) throw tooLargeTotal(budget);
      entries.set(name, entry);
      at += 46 + nameLength + extraLength + commentLength;
    }
    return new ZipReader(bytes, entries, budget);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** A part's bytes, inflated within the budgets; throws JfpError('invalid_input') as soon as one is passed. */
  read(name: string): Uint8Array {
    const entry = this.entries.get(name);
    if (!entry) throw invalid(`The file has no part ${name}.`);
    const { maxEntryBytes, maxTotalBytes } = this.budget;
    if (entry.size > maxEntryBytes) throw tooLargePart(entry, this.budget);
    if (this.inflatedTotal + entry.size > maxTotalBytes) throw tooLargeTotal(this.budget);
    const data = this.compressedData(entry);
    let out: Uint8Array;
    if (entry.method === STORED) {
      if (entry.compressedSize !== entry.size) throw damaged(`the part ${name} is damaged`);
      out = data;
    } else if (entry.method === DEFLATED) {
      out = inflateWithin(data, entry);
    } else {
      throw damaged(`the part ${name} is compressed in a way Word does not use`);
    }
    if (out.length !== entry.size || zlib.crc32(out) !== entry.crc) throw damaged(`the part ${name} is damaged (its contents do not match its checksum)`);
    this.inflatedTotal += out.length;
    return out;
  }

  private compressedData(entry: Entry): Uint8Array {
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    const at = entry.localOffset;
    if (at + 30 > this.bytes.length || view.getUint32(at, true) !== SIG_LOCAL) throw damaged(`the part ${entry.name} cannot be found where the package says it is`);
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    if (start + entry.compressedSize > this.bytes.length) throw damaged(`the part ${entry.name} runs past the end of the file (the file may be cut short)`);
    return this.bytes.subarray(start, start + entry.compressedSize);
  }
}

/**
 * Inflates a part into one buffer one byte larger than its declared size
 * (which is already within the budgets), stopping the moment that byte is
 * written: a part that lies about its size costs its declared size and no
 * more. Node's zlib checks maxOutputLength as it inflates; with a single
 * output chunk the result is that chunk, not a copy of many (half the peak
 * memory), and it is native, several times faster than a JavaScript inflater.
 */
function inflateWithin(data: Uint8Array, entry: Entry): Uint8Array {
  try {
    // maxOutputLength must be at least 1 and chunkSize at least 64; an empty part that inflates to anything is caught by the size check after.
    return zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size), chunkSize: Math.max(64, entry.size + 1) });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw invalid(`The part ${entry.name} inflates to more than the ${formatBytes(entry.size)} it says it is; the file was not read.`);
    }
    throw damaged(`the part ${entry.name} is damaged (${(error as Error).message})`);
  }
}

/** The end-of-directory record: the last 22 bytes, or earlier when the package has a comment (at most 64 KB). */
function findEnd(view: DataView): number {
  const last = view.byteLength - 22;
  for (let at = last; at >= Math.max(0, last - 0xffff); at--) {
    if (view.getUint32(at, true) === SIG_END && at + 22 + view.getUint16(at + 20, true) === view.byteLength) return at;
  }
  return -1;
}

function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw damaged('it declares impossible sizes');
  return Number(value);
}

function readEnd64(view: DataView, end: number): { count: number; directorySize: number; directoryOffset: number } {
  const locator = end - 20;
  if (locator < 0 || view.getUint32(locator, true) !== SIG_END64_LOCATOR) throw damaged('the end of the zip package is damaged');
  const record = safeNumber(view.getBigUint64(locator + 8, true));
  if (record + 56 > view.byteLength || view.getUint32(record, true) !== SIG_END64) throw damaged('the end of the zip package is damaged');
  return {
    count: safeNumber(view.getBigUint64(record + 32, true)),
    directorySize: safeNumber(view.getBigUint64(record + 40, true)),
    directoryOffset: safeNumber(view.getBigUint64(record + 48, true)),
  };
}

/** Sizes and offsets too large for 32 bits are in the entry's zip64 extra field, in this order, only when marked 0xFFFFFFFF. */
function applyZip64Extra(view: DataView, start: number, length: number, entry: Entry): void {
  const wants = [entry.size, entry.compressedSize, entry.localOffset].some((v) => v === 0xffffffff);
  if (!wants) return;
  for (let at = start; at + 4 <= start + length;) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 0x0001) {
      let field = at + 4;
      const next = () => {
        if (field + 8 > at + 4 + size) throw damaged(`the part ${entry.name} has a damaged size record`);
        const value = safeNumber(view.getBigUint64(field, true));
        field += 8;
        return value;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localOffset === 0xffffffff) entry.localOffset = next();
      return;
    }
    at += 4 + size;
  }
  throw damaged(`the part ${entry.name} has a damaged size record`);
}
