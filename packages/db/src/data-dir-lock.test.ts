import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, DataDirUnwritableError, lockDataDir } from './data-dir-lock.ts';

const folders: string[] = [];
function freshFolder(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'hopxa-lock-'));
  folders.push(folder);
  return folder;
}
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

describe('the data folder lock', () => {
  it('makes a missing folder and releases its lock file', () => {
    const dataDir = path.join(freshFolder(), 'nested', 'data');
    const lock = lockDataDir(dataDir);
    expect(fs.readFileSync(path.join(dataDir, 'hopxa.lock'), 'utf8').trim()).toBe(
      String(process.pid),
    );
    lock.release();
    expect(fs.existsSync(path.join(dataDir, 'hopxa.lock'))).toBe(false);
  });

  it('refuses while another live process holds it, naming that process', async () => {
    const dataDir = freshFolder();
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    try {
      fs.writeFileSync(path.join(dataDir, 'hopxa.lock'), `${holder.pid}\n`);
      expect(() => lockDataDir(dataDir)).toThrow(DataDirInUseError);
      expect(() => lockDataDir(dataDir)).toThrow(`process ${holder.pid}`);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('refuses a second lock in the same process', () => {
    const dataDir = freshFolder();
    const lock = lockDataDir(dataDir);
    expect(() => lockDataDir(dataDir)).toThrow(DataDirInUseError);
    lock.release();
  });

  it('takes over a lock file left by a process that has ended (a crash)', async () => {
    const dataDir = freshFolder();
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.once('exit', resolve));
    fs.writeFileSync(path.join(dataDir, 'hopxa.lock'), `${gone.pid}\n`);
    const lock = lockDataDir(dataDir);
    expect(fs.readFileSync(path.join(dataDir, 'hopxa.lock'), 'utf8').trim()).toBe(
      String(process.pid),
    );
    lock.release();
  });

  it('takes over a lock file with our own pid that this process never took (a restart reusing the pid)', () => {
    const dataDir = freshFolder();
    fs.writeFileSync(path.join(dataDir, 'hopxa.lock'), `${process.pid}\n`);
    lockDataDir(dataDir).release();
  });

  it('says the folder cannot be written when its path runs through a file', () => {
    const file = path.join(freshFolder(), 'a-file');
    fs.writeFileSync(file, '');
    expect(() => lockDataDir(path.join(file, 'data'))).toThrow(DataDirUnwritableError);
  });
});
