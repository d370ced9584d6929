import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeEachDatabase } from '@hopxa/db/testing';
import { overviewSchema, type ApiError } from '@hopxa/protocol';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { AccessChanges } from './auth/access-changes.ts';
import { createLogger } from './logger.ts';
import { seedDemo } from './seed/demo-seed.ts';
import { temporaryDocuments } from './test/temporary-documents.ts';
import { testKeys } from './test/test-keys.ts';

describeEachDatabase('the HTTP API', (database) => {
  const papers = temporaryDocuments();
  let server: http.Server;
  let base: string;
  let databaseAnswers = true;

  beforeAll(async () => {
    await seedDemo(database.handle().db);
    const app = createApp({
      db: database.handle().db,
      logger: createLogger('silent'),
      accessChanges: new AccessChanges(),
      namesKey: testKeys.names,
      logKey: testKeys.log,
      documents: papers,
      readinessChecks: [
        { name: 'database', check: database.handle().ping },
        {
          name: 'stand-in',
          check: async () => {
            if (!databaseAnswers) throw new Error('down');
          },
        },
      ],
    });
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    papers.remove();
  });

  it('GET /healthz answers 200 while the process runs', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz answers 200 when every dependency answers, and 503 naming the one that does not', async () => {
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    databaseAnswers = false;
    const response = await fetch(`${base}/readyz`);
    databaseAnswers = true;
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: 'unavailable',
      checks: { database: 'ok', 'stand-in': 'unavailable' },
    });
  });

  it('GET /api/overview lists the demo ward and its four bodies, and none of their draft meetings', async () => {
    const overview = overviewSchema.parse(await (await fetch(`${base}/api/overview`)).json());
    const [commune] = overview.communes;
    expect(commune?.name).toBe('Phường Sông Công');
    expect(commune?.province).toBe('Tỉnh Thái Nguyên');
    expect(commune?.bodies.map((body) => body.kind)).toEqual([
      'peoples_council',
      'peoples_committee',
      'party_executive_committee',
      'fatherland_front_committee',
    ]);
    // The seeded first meetings are drafts, the secretariat's work in progress.
    expect(commune?.bodies.flatMap((body) => body.meetings)).toEqual([]);
  });

  it('an unknown /api path answers a JSON error in the caller language', async () => {
    const vietnamese = await fetch(`${base}/api/khong-co`);
    expect(vietnamese.status).toBe(404);
    expect(await vietnamese.json()).toEqual({
      code: 'not_found',
      message: 'Không tìm thấy địa chỉ này. Kiểm tra lại đường dẫn.',
    });
    const english = await fetch(`${base}/api/nothing`, {
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(((await english.json()) as ApiError).message).toBe(
      'Nothing is at this address. Check the link.',
    );
    // The language chosen in the interface wins over the browser's.
    const chosen = await fetch(`${base}/api/nothing`, {
      headers: { 'accept-language': 'vi', cookie: 'hopxa-lang=en' },
    });
    expect(((await chosen.json()) as ApiError).message).toBe(
      'Nothing is at this address. Check the link.',
    );
  });

  it('a malformed JSON body answers 400 with a JSON error, not a stack trace', async () => {
    const response = await fetch(`${base}/api/overview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"broken',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as ApiError;
    expect(body.code).toBe('bad_request');
    expect(JSON.stringify(body)).not.toMatch(/at .*\.js/);
  });
});
