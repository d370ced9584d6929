import { schema } from '@hopxa/db';
import { describeEachDatabase } from '@hopxa/db/testing';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { useApiWorld } from '../test/fixtures.ts';
import { pointOfCredential } from './connection-points.service.ts';

describeEachDatabase("a meeting's connection points", (database) => {
  const context = useApiWorld(database);
  const db = () => database.handle().db;
  const path = () => `/api/meetings/${context.world.meetingId}/connection-points`;
  const followerId = async (username: string) => {
    const [row] = await db()
      .select({ id: schema.accounts.id })
      .from(schema.accounts)
      .where(eq(schema.accounts.username, username));
    return row?.id ?? '';
  };

  it('adds a point with a credential shown once (only its SHA-256 kept), bound to a follower of the province', async () => {
    const token = context.world.tokens.secretariat;
    const follower = await followerId('theodoi.tinh');
    const added = await context.api.request('POST', path(), {
      token,
      body: {
        kind: 'province',
        name: 'Điểm cầu tỉnh',
        people: 'Lãnh đạo Tỉnh ủy',
        followerAccountId: follower,
      },
    });
    expect(added.status).toBe(201);
    const { point, credential } = added.body as {
      point: { pointId: string; followerName: string };
      credential: string;
    };
    expect(credential).toMatch(/^[a-z2-7]{52}$/);
    expect(point.followerName).toBeTruthy();
    // The table holds no credential, only what cannot be turned back into one.
    const stored = JSON.stringify(await db().select().from(schema.connectionPoints));
    expect(stored).not.toContain(credential);
    expect(await pointOfCredential(db(), credential)).toMatchObject({
      pointId: point.pointId,
      meetingId: context.world.meetingId,
      kind: 'province',
    });
    const listed = await context.api.request('GET', path(), { token });
    expect(listed.body).toMatchObject({
      points: [{ pointId: point.pointId, name: 'Điểm cầu tỉnh', people: 'Lãnh đạo Tỉnh ủy' }],
    });
    expect(JSON.stringify(listed.body)).not.toContain(credential);
    // The follower of the province may be bound once per meeting, and no other province's.
    const again = await context.api.request('POST', path(), {
      token,
      body: { kind: 'province', name: 'Điểm cầu thứ hai', followerAccountId: follower },
    });
    expect(again.status).toBe(409);
    expect((again.body as { code: string }).code).toBe('follower_already_bound');
    const stranger = await context.api.request('POST', path(), {
      token,
      body: {
        kind: 'province',
        name: 'Điểm cầu tỉnh khác',
        followerAccountId: await followerId('theodoi.tinhkhac'),
      },
    });
    expect(stranger.status).toBe(422);
    expect((stranger.body as { code: string }).code).toBe('not_a_follower_here');
  });

  it('revokes a point: its credential stops working, its follower is unbound, and the audit names who did it', async () => {
    const token = context.world.tokens.secretariat;
    const added = await context.api.request('POST', path(), {
      token,
      body: { kind: 'commune', name: 'Điểm cầu xã Hòa Bình' },
    });
    const { point, credential } = added.body as { point: { pointId: string }; credential: string };
    const revoked = await context.api.request('POST', `${path()}/${point.pointId}/revoke`, {
      token,
    });
    expect(revoked.status).toBe(200);
    expect(await pointOfCredential(db(), credential)).toBeNull();
    const listed = (revoked.body as { points: { pointId: string; revokedAt: string | null }[] })
      .points;
    expect(listed.find((each) => each.pointId === point.pointId)?.revokedAt).toBeTruthy();
    // Revoking again changes nothing; another meeting's point is not found.
    expect(
      (await context.api.request('POST', `${path()}/${point.pointId}/revoke`, { token })).status,
    ).toBe(200);
    const audit = await db()
      .select({ action: schema.auditEvents.action })
      .from(schema.auditEvents)
      .where(eq(schema.auditEvents.targetId, point.pointId));
    expect(audit.map((row) => row.action).sort()).toEqual([
      'connection_point.create',
      'connection_point.revoke',
    ]);
  });
});
