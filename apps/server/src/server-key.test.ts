import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeEachDatabase } from '@hopxa/db/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { checkServerKey, deriveServerKeys, loadServerSecret } from './server-key.ts';

describe('the server key, kept out of the data folder', () => {
  const folders: string[] = [];
  const folder = () => {
    const made = fs.mkdtempSync(path.join(os.tmpdir(), 'hopxa-key-'));
    folders.push(made);
    return made;
  };
  afterEach(() => {
    for (const made of folders.splice(0)) fs.rmSync(made, { recursive: true, force: true });
  });

  it('makes the key once, in its own file outside the data folder, readable by its owner only', () => {
    const home = folder();
    const dataDir = path.join(home, 'data');
    const keyFile = path.join(home, 'keys', 'server.key');
    const first = loadServerSecret({ key: undefined, keyFile, dataDir });
    expect(loadServerSecret({ key: undefined, keyFile, dataDir })).toEqual(first);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(dataDir) && fs.readdirSync(dataDir)).toBeFalsy();
  });

  it('refuses a key file inside the data folder, which a copy of the data would carry', () => {
    const home = folder();
    expect(() =>
      loadServerSecret({
        key: undefined,
        keyFile: path.join(home, 'data', 'server.key'),
        dataDir: path.join(home, 'data'),
      }),
    ).toThrow(/SERVER_KEY_FILE .* nằm trong thư mục dữ liệu/);
  });

  it('moves a ballot key an older version left in the data folder out of it', () => {
    const home = folder();
    const dataDir = path.join(home, 'data');
    fs.mkdirSync(dataDir);
    const legacy = randomBytes(32).toString('hex');
    fs.writeFileSync(path.join(dataDir, 'ballot.key'), legacy);
    const keyFile = path.join(home, 'server.key');
    expect(loadServerSecret({ key: undefined, keyFile, dataDir }).toString('hex')).toBe(legacy);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('takes SERVER_KEY as it is, and makes a different key for each use', () => {
    const secret = loadServerSecret({
      key: '5e'.repeat(32),
      keyFile: '/nonexistent/server.key',
      dataDir: '/nonexistent/data',
    });
    const keys = deriveServerKeys(secret);
    expect(new Set([keys.seal, keys.log, keys.names].map((key) => key.toString('hex'))).size).toBe(
      3,
    );
  });
});

describeEachDatabase('the server key and its database', (database) => {
  it('refuses to start with another key than the one the database seals ballots and signs its log with', async () => {
    const db = database.handle().db;
    const first = deriveServerKeys(randomBytes(32));
    await checkServerKey(db, first);
    await checkServerKey(db, first);
    await expect(checkServerKey(db, deriveServerKeys(randomBytes(32)))).rejects.toThrow(
      /Khóa máy chủ .* không khớp.*every process must share one key/,
    );
  });
});
