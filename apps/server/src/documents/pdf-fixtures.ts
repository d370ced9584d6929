import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';

/**
 * Files for the tests of the papers' checks, written byte by byte so that each test says
 * exactly what is in the file: small PDFs with a correct cross-reference table (a reader
 * opens them without repairing anything), encrypted ones, and files that only pretend.
 */

export type PdfFixtureOptions = {
  /** How many pages, each with a line of text; 0 makes an empty page tree. Default 2. */
  readonly pages?: number;
  /** Each page's line of text (Latin-1), instead of "Page n". */
  readonly text?: string;
  /** The Info dictionary's title (encrypted with the rest when `encryption` is given). */
  readonly title?: string;
  /**
   * The standard security handler, RC4 with a 40-bit key (revision 2), the oldest and
   * simplest encryption a PDF can have. An empty user password opens the file without
   * asking, which is how most "protected" PDFs reach a secretariat.
   */
  readonly encryption?: {
    readonly userPassword: string;
    readonly ownerPassword?: string;
    /** Leaves /P out of the dictionary (a broken writer), so pdf.js reports no permissions. */
    readonly omitPermissions?: boolean;
  };
  /** Spaces added to each page's content stream, to make a large file that is still valid. */
  readonly padding?: number;
  /** An /Encrypt dictionary for a handler pdf.js does not have (certificates). */
  readonly foreignEncryption?: boolean;
  /** Bytes some tools write before the header; offsets stay counted from "%PDF-". */
  readonly junkBefore?: number;
  /** The page tree names a page object that the file does not have. */
  readonly missingPage?: boolean;
};

const latin1 = (text: string) => Buffer.from(text, 'latin1');
const hex = (bytes: Uint8Array) => `<${Buffer.from(bytes).toString('hex')}>`;
const md5 = (...parts: Uint8Array[]) => {
  const hash = createHash('md5');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

/** RC4, which Node's OpenSSL 3 no longer offers without its legacy provider. */
function rc4(key: Uint8Array, data: Uint8Array): Buffer {
  const s = Array.from({ length: 256 }, (_, index) => index);
  for (let i = 0, j = 0; i < 256; i += 1) {
    j = (j + s[i]! + key[i % key.length]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n += 1) {
    i = (i + 1) & 0xff;
    j = (j + s[i]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 0xff]!;
  }
  return out;
}

/** ISO 32000-1, 7.6.3.3: what a password is padded (or cut) to 32 bytes with. */
const PASSWORD_PADDING = Buffer.from(
  '28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a',
  'hex',
);
const padded = (password: string) =>
  Buffer.concat([latin1(password), PASSWORD_PADDING]).subarray(0, 32);

/** Algorithms 2, 3 and 4 of ISO 32000-1 for revision 2 (40-bit keys). */
function standardSecurity(
  userPassword: string,
  ownerPassword: string,
  permissions: number,
  id: Buffer,
) {
  const owner = rc4(md5(padded(ownerPassword)).subarray(0, 5), padded(userPassword));
  const permissionBytes = Buffer.alloc(4);
  permissionBytes.writeInt32LE(permissions);
  const key = md5(padded(userPassword), owner, permissionBytes, id).subarray(0, 5);
  const user = rc4(key, PASSWORD_PADDING);
  /** Algorithm 1: each object's strings and streams have a key of their own. */
  const objectKey = (number: number) =>
    md5(
      key,
      Buffer.from([number & 0xff, (number >> 8) & 0xff, (number >> 16) & 0xff, 0, 0]),
    ).subarray(0, 10);
  return { owner, user, objectKey };
}

/**
 * A PDF of `pages` A4 pages, or an encrypted one, as bytes.
 *
 * @example
 * await fs.writeFile(file, pdfFixture({ pages: 2, encryption: { userPassword: '' } }));
 */
export function pdfFixture(options: PdfFixtureOptions = {}): Buffer {
  const pageCount = options.pages ?? 2;
  const id = md5(latin1(JSON.stringify(options)));
  const permissions = -4; // every permission: the file is refused for being encrypted at all
  const security = options.encryption
    ? standardSecurity(
        options.encryption.userPassword,
        options.encryption.ownerPassword ?? options.encryption.userPassword,
        permissions,
        id,
      )
    : undefined;
  const seal = (number: number, data: Buffer) =>
    security ? rc4(security.objectKey(number), data) : data;

  // 1 catalog, 2 page tree, 3 font, 4 info, 5 encryption, then a page and its content each.
  const objects = new Map<number, Buffer>();
  const pageNumber = (index: number) => 6 + index * 2;
  const kids = Array.from({ length: pageCount }, (_, index) => `${pageNumber(index)} 0 R`);
  if (options.missingPage) kids.push('999 0 R');
  objects.set(1, latin1('<< /Type /Catalog /Pages 2 0 R >>'));
  objects.set(2, latin1(`<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${kids.length} >>`));
  objects.set(3, latin1('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'));
  // UTF-16BE with its byte-order mark: the one text encoding every reader takes.
  const title = seal(
    4,
    Buffer.concat([
      Buffer.from([0xfe, 0xff]),
      Buffer.from(options.title ?? 'Test paper', 'utf16le').swap16(),
    ]),
  );
  objects.set(4, latin1(`<< /Title ${hex(title)} >>`));
  if (security && options.encryption) {
    const p = options.encryption.omitPermissions ? '' : ` /P ${permissions}`;
    objects.set(
      5,
      latin1(
        `<< /Filter /Standard /V 1 /R 2 /Length 40 /O ${hex(security.owner)} /U ${hex(security.user)}${p} >>`,
      ),
    );
  } else if (options.foreignEncryption) {
    objects.set(5, latin1('<< /Filter /Adobe.PubSec /SubFilter /adbe.pkcs7.s5 /V 4 /R 4 >>'));
  }
  for (let index = 0; index < pageCount; index += 1) {
    const page = pageNumber(index);
    objects.set(
      page,
      latin1(
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${page + 1} 0 R ` +
          '/Resources << /Font << /F1 3 0 R >> >> >>',
      ),
    );
    const line = (options.text ?? `Page ${index + 1}`).replace(/[()\\]/g, '\\$&');
    const content = seal(
      page + 1,
      Buffer.concat([
        latin1(`BT /F1 24 Tf 72 760 Td (${line}) Tj ET\n`),
        Buffer.alloc(options.padding ?? 0, 0x20),
      ]),
    );
    objects.set(
      page + 1,
      Buffer.concat([
        latin1(`<< /Length ${content.length} >>\nstream\n`),
        content,
        latin1('\nendstream'),
      ]),
    );
  }

  const size = Math.max(...objects.keys()) + 1;
  const parts: Buffer[] = [latin1('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')];
  let offset = parts[0]!.length;
  const offsets = new Map<number, number>();
  for (const [number, body] of [...objects].sort(([a], [b]) => a - b)) {
    const object = Buffer.concat([latin1(`${number} 0 obj\n`), body, latin1('\nendobj\n')]);
    offsets.set(number, offset);
    parts.push(object);
    offset += object.length;
  }
  // Every entry is exactly 20 bytes, the free ones included (the table is indexed by size).
  const entries = Array.from({ length: size }, (_, number) => {
    const at = offsets.get(number);
    return at === undefined
      ? `0000000000 65535 f\r\n`
      : `${String(at).padStart(10, '0')} 00000 n\r\n`;
  });
  const encrypt = objects.has(5) ? ' /Encrypt 5 0 R' : '';
  parts.push(
    latin1(
      `xref\n0 ${size}\n${entries.join('')}trailer\n` +
        `<< /Size ${size} /Root 1 0 R /Info 4 0 R${encrypt} /ID [${hex(id)} ${hex(id)}] >>\n` +
        `startxref\n${offset}\n%%EOF\n`,
    ),
  );
  const junk = Buffer.alloc(options.junkBefore ?? 0, 'x');
  return Buffer.concat([junk, ...parts]);
}

/**
 * A ZIP holding one stored file, which is what a Word .docx is underneath: the file a
 * secretariat most often renames to .pdf by mistake.
 */
export function zipFixture(name = '[Content_Types].xml', content = '<Types/>'): Buffer {
  const fileName = latin1(name);
  const data = latin1(content);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const centralAt = local.length + fileName.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(centralAt, 16);
  return Buffer.concat([local, fileName, data, central, fileName, end]);
}

/** The eight bytes every PNG starts with, and a little after them. */
export const PNG_FIXTURE = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
  Buffer.alloc(64),
]);
