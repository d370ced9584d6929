#!/usr/bin/env node
// The README's commands land here: `npm start`, `npm test`, `npm run test:fast`, `npm run dev`,
// `npm run check`, `npm run verify-log`.
// This file runs on any Node.js from 18 on, so it uses nothing newer. It
//   1. re-runs itself under a Node.js new enough for the project (engines in package.json),
//      taking Node.js 24 once from the npm registry's `node` package into .tools/ when the
//      machine's own is older;
//   2. uses the pnpm pinned in packageManager (the machine's if it is that version, else one
//      taken once into .tools/);
//   3. installs with the frozen lockfile, builds, and starts or tests.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const toolsDir = path.join(root, '.tools');
const rootPackage = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const pnpmVersion = rootPackage.packageManager.replace(/^pnpm@/, '');
const minimumNode = rootPackage.engines.node.replace(/^>=/, '');
// The Node.js taken from the registry when the machine's is too old; .nvmrc names its major.
const fallbackNode = '24.21.0';

const commands = {
  start: ['install', 'build', 'serve'],
  test: ['install', 'build', 'vitest'],
  // The rules and the wire format alone, in seconds: no install, no build, no services.
  'test:fast': ['installed', 'vitest-fast'],
  dev: ['install', 'dev'],
  check: ['install', 'check'],
  'verify-log': ['install', 'verify-log'],
};

const command = process.argv[2];
if (!command || !(command in commands)) {
  say(`Dùng / usage: node scripts/run.mjs ${Object.keys(commands).join('|')}`);
  process.exit(2);
}

main().catch((error) => {
  say(`Lỗi / error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

async function main() {
  if (!isAtLeast(process.versions.node, minimumNode)) {
    const node = ensureTool(
      'node',
      fallbackNode,
      path.join('node_modules', 'node', 'bin', 'node'),
      {
        start: `Node.js ${process.versions.node} trên máy này cũ hơn ${minimumNode}: tải Node.js ${fallbackNode} một lần vào .tools/ ...`,
        english: `Machine Node.js ${process.versions.node} is older than ${minimumNode}: fetching Node.js ${fallbackNode} once into .tools/ ...`,
      },
    );
    process.exit(
      await run(node, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], process.env),
    );
  }

  const env = childEnvironment();
  const pnpm = findPnpm(env);
  // turbo looks pnpm up on PATH; the one taken into .tools/ must be found there too.
  if (pnpm !== 'pnpm') env.PATH = [path.dirname(pnpm), env.PATH].join(path.delimiter);
  for (const step of commands[command]) {
    const code = await runStep(step, pnpm, env, process.argv.slice(3));
    if (code !== 0) process.exit(code);
  }
}

async function runStep(step, pnpm, env, extraArgs) {
  const node = process.execPath;
  switch (step) {
    case 'install':
      return run(pnpm, ['install', '--frozen-lockfile', '--reporter=append-only'], env);
    case 'build':
      return run(pnpm, ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only'], env);
    case 'serve':
      return run(node, [path.join('apps', 'server', 'src', 'main.ts'), ...extraArgs], env);
    case 'dev':
      return run(node, [path.join('apps', 'server', 'src', 'dev.ts'), ...extraArgs], env);
    case 'verify-log':
      return run(node, [path.join('apps', 'server', 'src', 'verify-log.ts'), ...extraArgs], env);
    case 'vitest':
      return run(pnpm, ['exec', 'vitest', 'run', ...extraArgs], env);
    case 'installed':
      if (fs.existsSync(path.join(root, 'node_modules', '.bin', 'vitest'))) return 0;
      say('Chưa cài đặt: chạy npm test một lần trước. (Not installed: run npm test once first.)');
      return 1;
    case 'vitest-fast':
      return run(
        pnpm,
        ['exec', 'vitest', 'run', '--project', 'domain', '--project', 'protocol', ...extraArgs],
        env,
      );
    case 'check': {
      const code = await run(
        pnpm,
        ['exec', 'turbo', 'run', 'typecheck', 'lint', 'lint:root', '--output-logs=errors-only'],
        env,
      );
      // Formatting is checked after the others: their tools write temporary files that a
      // check running beside them would trip over.
      return code !== 0 ? code : run(pnpm, ['run', 'format:check'], env);
    }
    default:
      throw new Error(`unknown step ${step}`);
  }
}

/** The environment for every child: this Node.js first on PATH, no npm_* leftovers. */
function childEnvironment() {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    // npm sets npm_* for its scripts; pnpm reads some of them (npm_config_*) as its own config.
    if (!key.startsWith('npm_')) env[key] = value;
  }
  env.PATH = [path.dirname(process.execPath), env.PATH].filter(Boolean).join(path.delimiter);
  env.TURBO_TELEMETRY_DISABLED = '1';
  env.TURBO_NO_UPDATE_NOTIFIER = '1';
  // Node 22.17 runs .ts files only with this flag; from 22.18 it is on by default.
  if (!process.features.typescript) {
    env.NODE_OPTIONS = [env.NODE_OPTIONS, '--experimental-strip-types'].filter(Boolean).join(' ');
  }
  return env;
}

function findPnpm(env) {
  const onPath = spawnSync('pnpm', ['--version'], { env, encoding: 'utf8' });
  if (onPath.status === 0 && onPath.stdout.trim() === pnpmVersion) return 'pnpm';
  return ensureTool('pnpm', pnpmVersion, path.join('node_modules', '.bin', 'pnpm'), {
    start: `Tải pnpm ${pnpmVersion} một lần vào .tools/ ...`,
    english: `Fetching pnpm ${pnpmVersion} once into .tools/ ...`,
  });
}

/** Installs `name@version` from the npm registry into .tools/name-version once; returns the binary. */
function ensureTool(name, version, binary, messages) {
  const dir = path.join(toolsDir, `${name}-${version}`);
  const bin = path.join(dir, binary);
  if (fs.existsSync(bin)) return bin;
  say(`${messages.start}\n${messages.english}`);
  fs.mkdirSync(dir, { recursive: true });
  // npm 11 runs a package's install script only when allowed; both tools need theirs.
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: `tool-${name}`, private: true, allowScripts: { [name]: true } }),
  );
  const env = {};
  for (const [key, value] of Object.entries(process.env))
    if (!key.startsWith('npm_')) env[key] = value;
  const result = spawnSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--no-save', '--prefix', dir, `${name}@${version}`],
    { stdio: 'inherit', env },
  );
  if (result.status !== 0 || !fs.existsSync(bin)) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `không tải được ${name}@${version} từ npm registry; kiểm tra kết nối mạng rồi chạy lại. ` +
        `(could not install ${name}@${version} from the npm registry: check the network and run again)`,
    );
  }
  return bin;
}

/** Runs a child with our stdio, passes SIGINT/SIGTERM on to it, resolves with its exit code. */
function run(file, args, env) {
  return new Promise((resolve) => {
    const child = spawn(file, args, { cwd: root, env, stdio: 'inherit' });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', (error) => {
      say(`Không chạy được ${file}: ${error.message} (could not run ${file})`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal === 'SIGINT' ? 130 : 143));
    });
  });
}

function isAtLeast(version, minimum) {
  const a = version.split('.').map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < 3; i += 1) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

function say(line) {
  process.stderr.write(`${line}\n`);
}
