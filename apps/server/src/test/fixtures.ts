import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { schema, type Database } from '@hopxa/db';
import {
  ACCOUNT_ROLE_NAMES,
  DEFAULT_BODY_RULES,
  type AccessActor,
  type AccountRole,
  type ProvinceAccessActor,
  type DocumentAudience,
} from '@hopxa/domain';
import type { TestDatabase } from '@hopxa/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import { hashPassword } from '../auth/password.ts';
import { createSession } from '../auth/session.service.ts';
import { loadActor } from '../auth/actor.service.ts';
import { meetingTarget } from '../auth/authorize.ts';
import { createMeetingFromTemplate, loadMeetingDetail } from '../meetings/meeting.service.ts';
import { pdfFixture } from '../documents/pdf-fixtures.ts';
import type { DocumentStorage } from '../documents/storage/document-storage.ts';
import { startApi } from './api-harness.ts';
import { secretariatOf } from './secretariat.ts';

export type World = {
  readonly provinceId: string;
  readonly otherProvinceId: string;
  readonly communeId: string;
  readonly otherCommuneId: string;
  readonly councilId: string;
  readonly committeeId: string;
  readonly meetingId: string;
  readonly agendaItemId: string;
  readonly delegatePersonId: string;
  /** A paper of the meeting for each audience, the file `WORLD_PAPER` (kept by `useApiWorld`). */
  readonly documentIds: Readonly<Record<DocumentAudience, string>>;
  /** One more paper of the meeting, for the tests that withdraw it. */
  readonly spareDocumentId: string;
  /** The session cookie value of each actor (none for `nobody`). */
  readonly tokens: Readonly<Record<AccessActor, string | null>>;
  /** The same, for what is done at the province (`PROVINCE_ACCESS_MATRIX`). */
  readonly provinceTokens: Readonly<Record<ProvinceAccessActor, string | null>>;
  readonly password: string;
};

/**
 * A small world of fictional people for the access tests: a commune with a council (whose
 * meeting has a presiding officer and a secretary) and a committee, a second commune in a
 * second province, and an account for every kind of actor.
 */
export async function buildWorld(db: Database, now: Date): Promise<World> {
  const password = 'mật-khẩu-thử-nghiệm';
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const organisation = async (
      kind: 'province' | 'commune',
      code: string,
      name: string,
      parentId: string | null,
    ) => {
      const [row] = await tx
        .insert(schema.organisations)
        .values({ kind, code, name, parentId })
        .returning();
      return row?.id ?? '';
    };
    const provinceId = await organisation('province', 'test-a', 'Tỉnh Thử A', null);
    const otherProvinceId = await organisation('province', 'test-b', 'Tỉnh Thử B', null);
    const communeId = await organisation('commune', 'test-a/x', 'Xã Thử Một', provinceId);
    const otherCommuneId = await organisation('commune', 'test-b/y', 'Xã Thử Hai', otherProvinceId);

    const body = async (kind: 'peoples_council' | 'peoples_committee', name: string) => {
      const [row] = await tx
        .insert(schema.bodies)
        .values({
          organisationId: communeId,
          kind,
          name,
          statutorySize: 5,
          rules: DEFAULT_BODY_RULES[kind],
        })
        .returning();
      return row?.id ?? '';
    };
    const councilId = await body('peoples_council', 'Hội đồng nhân dân xã Thử Một');
    const committeeId = await body('peoples_committee', 'Ủy ban nhân dân xã Thử Một');

    const names = new Map<string, string>();
    const person = async (fullName: string, bodyId: string | null, votingRight = true) => {
      const [row] = await tx.insert(schema.people).values({ fullName }).returning();
      const id = row?.id ?? '';
      names.set(id, fullName);
      if (bodyId) {
        await tx
          .insert(schema.memberships)
          .values({ personId: id, bodyId, votingRight, startsOn: '2025-07-01' });
      }
      return id;
    };
    const delegatePersonId = await person('Đại Biểu Một', councilId);
    const silentPersonId = await person('Đại Biểu Không Biểu Quyết', councilId, false);
    const otherBodyPersonId = await person('Ủy Viên Ủy Ban', committeeId);
    // Presiding officer and secretary are members too (as the law has it), but the tests give
    // them no vote, so their powers come from their meeting roles alone.
    const presidingPersonId = await person('Chủ Tọa Thử', councilId, false);
    const secretaryPersonId = await person('Thư Ký Thử', councilId, false);

    const meetingId = await createMeetingFromTemplate(tx, {
      body: { id: councilId, kind: 'peoples_council', name: 'Hội đồng nhân dân xã Thử Một' },
      place: 'Hội trường xã',
      startsAt: now,
      presidingOfficerId: presidingPersonId,
      secretaryIds: [secretaryPersonId],
      today: '2025-07-01',
    });
    const [agendaItem] = await tx.select().from(schema.agendaItems).limit(1);

    const account = async (
      role: AccountRole,
      username: string | null,
      organisationId: string | null,
      personId: string | null,
    ) => {
      const [row] = await tx
        .insert(schema.accounts)
        .values({
          role,
          username,
          passwordHash: username ? passwordHash : null,
          displayName: username ?? names.get(personId ?? '') ?? ACCOUNT_ROLE_NAMES[role].vi,
          organisationId,
          personId,
        })
        .returning();
      const { token } = await createSession(tx, row?.id ?? '', 'browser', now);
      return token;
    };
    const tokens: Record<AccessActor, string | null> = {
      nobody: null,
      systemAdmin: await account('system_admin', 'quantri', null, null),
      secretariat: await account('secretariat', 'vanphong.xamot', communeId, null),
      otherSecretariat: await account('secretariat', 'vanphong.xahai', otherCommuneId, null),
      delegate: await account('delegate', null, null, delegatePersonId),
      delegateWithoutVote: await account('delegate', null, null, silentPersonId),
      otherBodyDelegate: await account('delegate', null, null, otherBodyPersonId),
      presidingOfficer: await account('delegate', null, null, presidingPersonId),
      secretary: await account('delegate', null, null, secretaryPersonId),
      guest: await account('guest', 'khachmoi', communeId, null),
      follower: await account('follower', 'theodoi.tinh', provinceId, null),
      otherProvinceFollower: await account('follower', 'theodoi.tinhkhac', otherProvinceId, null),
      hallDisplay: await account('hall_display', null, communeId, null),
      otherHallDisplay: await account('hall_display', null, otherCommuneId, null),
      provinceAdmin: await account('province_admin', 'quantri.tinh', provinceId, null),
    };
    const provinceTokens: Record<ProvinceAccessActor, string | null> = {
      nobody: null,
      systemAdmin: tokens.systemAdmin,
      provinceAdmin: tokens.provinceAdmin,
      otherProvinceAdmin: await account(
        'province_admin',
        'quantri.tinhkhac',
        otherProvinceId,
        null,
      ),
      provinceFollower: tokens.follower,
      otherProvinceFollower: tokens.otherProvinceFollower,
      communeFollower: await account('follower', 'theodoi.xamot', communeId, null),
      communeSecretariat: tokens.secretariat,
      delegate: tokens.delegate,
    };
    const [office] = await tx
      .select({ id: schema.accounts.id })
      .from(schema.accounts)
      .where(eq(schema.accounts.username, 'vanphong.xamot'));
    const paper = async (audience: DocumentAudience) => {
      const [row] = await tx
        .insert(schema.documents)
        .values({
          meetingId,
          agendaItemId: agendaItem?.id ?? null,
          title: `Tờ trình (${audience})`,
          kind: 'submission',
          audience,
          fileName: 'Tờ trình.pdf',
          byteSize: WORLD_PAPER.length,
          sha256: createHash('sha256').update(WORLD_PAPER).digest('hex'),
          pageCount: 2,
          uploadedBy: office?.id ?? '',
        })
        .returning({ id: schema.documents.id });
      return row?.id ?? '';
    };
    const documentIds = {
      members: await paper('members'),
      guests: await paper('guests'),
      public: await paper('public'),
    };
    return {
      documentIds,
      spareDocumentId: await paper('members'),
      provinceId,
      otherProvinceId,
      communeId,
      otherCommuneId,
      councilId,
      committeeId,
      meetingId,
      agendaItemId: agendaItem?.id ?? '',
      delegatePersonId,
      tokens,
      provinceTokens,
      password,
    };
  });
}

/** The file of the world's papers: two pages. */
export const WORLD_PAPER = pdfFixture({ pages: 2, text: 'To trinh' });

/** Keeps the world's paper in `storage`, as an upload would have. */
async function keepWorldPaper(storage: DocumentStorage): Promise<void> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'hopxa-world-paper-'));
  try {
    const file = path.join(folder, 'paper.pdf');
    fs.writeFileSync(file, WORLD_PAPER);
    await storage.store(createHash('sha256').update(WORLD_PAPER).digest('hex'), file);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

export type Api = Awaited<ReturnType<typeof startApi>>;

/**
 * The API on a real port over `database`, with a fresh world, for one describe block. Read
 * `context.api` and `context.world` inside tests: they are set before the first one runs.
 */
export function useApiWorld(database: TestDatabase): { readonly api: Api; readonly world: World } {
  const context = {} as { api: Api; world: World };
  beforeAll(async () => {
    context.api = await startApi(database.handle().db);
    context.world = await buildWorld(database.handle().db, context.api.now());
    await keepWorldPaper(context.api.documents.storage);
  });
  afterAll(() => context.api.close());
  return context;
}

/**
 * The world's council meeting as the engine sees it, with its presiding officer and its
 * voting delegate as actors, for tests that run commands without the socket.
 */
export async function worldMeetingActors(db: Database, world: World, now: Date) {
  const actorOf = async (personId: string) => {
    const [account] = await db
      .select()
      .from(schema.accounts)
      .where(eq(schema.accounts.personId, personId));
    if (!account) throw new Error('no account');
    return loadActor(db, account, now);
  };
  const detail = await loadMeetingDetail(db, world.meetingId);
  return {
    target: await meetingTarget(db, world.meetingId),
    presiding: await actorOf(
      detail.roles.find((role) => role.role === 'presiding_officer')?.personId ?? '',
    ),
    delegate: await actorOf(world.delegatePersonId),
    secretariat: await secretariatOf(db, world.communeId, now),
  };
}
