import type { Action } from '@hopxa/domain';
import type { World } from './fixtures.ts';

/** One API command or query, as the access and bad-input tests call it. */
export type Endpoint = {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly path: (world: World) => string;
  /** The permission it asks for; 'signed_in' needs only a session. */
  readonly needs: Action | 'signed_in';
  readonly body?: (world: World) => unknown;
  /** Bodies its schema must refuse: wrong types, missing or out-of-range fields. */
  readonly badBodies?: readonly unknown[];
  /** Its text fields that are paragraphs, where a line break is text, not a control. */
  readonly multiline?: readonly string[];
};

const longText = 'x'.repeat(5000);

/** Every endpoint behind a permission, with a valid body and bodies that must be refused. */
export const ENDPOINTS: readonly Endpoint[] = [
  { method: 'GET', path: () => '/api/auth/me', needs: 'signed_in' },
  { method: 'GET', path: () => '/api/my/meetings', needs: 'signed_in' },
  { method: 'GET', path: (w) => `/api/organisations/${w.communeId}/setup`, needs: 'body.manage' },
  { method: 'GET', path: (w) => `/api/provinces/${w.provinceId}`, needs: 'province.accounts' },
  {
    method: 'GET',
    path: (w) => `/api/provinces/${w.provinceId}/day-summary/pdf`,
    needs: 'board.view',
  },
  {
    method: 'POST',
    path: (w) => `/api/provinces/${w.provinceId}/accounts`,
    needs: 'province.accounts',
    body: () => ({
      username: `theodoi.${Math.random().toString(36).slice(2, 10)}`,
      displayName: 'Văn phòng Tỉnh ủy (theo dõi)',
      password: 'mật-khẩu-đủ-dài',
    }),
    badBodies: [
      {},
      { username: 'ab', displayName: 'Tên', password: 'mật-khẩu-đủ-dài' },
      { username: 'Có Dấu', displayName: 'Tên', password: 'mật-khẩu-đủ-dài' },
      { username: 'theodoi.moi', displayName: '', password: 'mật-khẩu-đủ-dài' },
      { username: 'theodoi.moi', displayName: 'Tên', password: 'ngắn' },
      { username: 'theodoi.moi', displayName: longText, password: 'mật-khẩu-đủ-dài' },
      {
        username: 'theodoi.moi',
        displayName: 'Tên',
        password: 'mật-khẩu-đủ-dài',
        role: 'system_admin',
      },
    ],
  },
  {
    method: 'POST',
    path: (w) =>
      `/api/provinces/${w.provinceId}/accounts/00000000-0000-4000-8000-000000000000/disable`,
    needs: 'province.accounts',
  },
  {
    method: 'POST',
    path: (w) => `/api/organisations/${w.communeId}/bodies`,
    needs: 'body.manage',
    body: () => ({
      kind: 'fatherland_front_committee',
      name: 'Ủy ban MTTQ xã Thử Một',
      statutorySize: 20,
    }),
    badBodies: [
      {},
      { kind: 'club', name: 'Câu lạc bộ', statutorySize: 5 },
      { kind: 'peoples_council', name: '', statutorySize: 5 },
      { kind: 'peoples_council', name: 'Hội đồng', statutorySize: 0 },
      { kind: 'peoples_council', name: 'Hội đồng', statutorySize: 2.5 },
      { kind: 'peoples_council', name: longText, statutorySize: 5 },
    ],
  },
  {
    method: 'PATCH',
    path: (w) => `/api/bodies/${w.councilId}`,
    needs: 'body.manage',
    body: () => ({
      voteLabels: { inFavour: 'Đồng ý', against: 'Không đồng ý', notVoting: 'Phiếu trắng' },
    }),
    badBodies: [{}, { statutorySize: -3 }, { voteLabels: { inFavour: 'Đồng ý' } }, { name: 42 }],
  },
  { method: 'GET', path: (w) => `/api/bodies/${w.councilId}/members`, needs: 'member.manage' },
  {
    method: 'POST',
    path: (w) => `/api/bodies/${w.councilId}/members`,
    needs: 'member.manage',
    body: () => ({
      fullName: 'Người Mới',
      position: 'member',
      votingRight: true,
      startsOn: '2025-07-01',
    }),
    badBodies: [
      {},
      { fullName: 'Người Mới', position: 'king', votingRight: true, startsOn: '2025-07-01' },
      { fullName: 'Người Mới', position: 'member', votingRight: 'có', startsOn: '2025-07-01' },
      { fullName: 'Người Mới', position: 'member', votingRight: true, startsOn: '31/02/2025' },
      { fullName: '   ', position: 'member', votingRight: true, startsOn: '2025-07-01' },
    ],
  },
  {
    method: 'POST',
    path: (w) => `/api/bodies/${w.councilId}/members/import`,
    needs: 'member.manage',
    body: () => ({ csv: 'Họ và tên\nNgười Nhập Một\n', commit: false }),
    badBodies: [
      {},
      { csv: '', commit: true },
      { csv: 'Họ và tên\nA\n', commit: 'yes' },
      { csv: 12 },
    ],
  },
  {
    method: 'POST',
    path: (w) => `/api/bodies/${w.councilId}/meetings`,
    needs: 'meeting.create',
    body: (w) => ({
      place: 'Hội trường xã',
      startsAt: '2026-02-01T08:00:00+07:00',
      presidingOfficerId: w.delegatePersonId,
      secretaryIds: [w.delegatePersonId],
    }),
    badBodies: [
      {},
      { place: 'Hội trường', startsAt: 'sáng mai', presidingOfficerId: 'x', secretaryIds: [] },
      {
        place: 'Hội trường',
        startsAt: '2026-02-01T08:00:00+07:00',
        presidingOfficerId: '00000000-0000-4000-8000-000000000000',
        secretaryIds: [],
      },
    ],
  },
  { method: 'GET', path: (w) => `/api/meetings/${w.meetingId}`, needs: 'meeting.view' },
  {
    method: 'PATCH',
    path: (w) => `/api/meetings/${w.meetingId}`,
    needs: 'meeting.edit',
    body: () => ({ place: 'Hội trường lớn' }),
    badBodies: [{}, { startsAt: 'hôm qua' }, { secretaryIds: ['not-a-uuid'] }, { place: '' }],
  },
  {
    method: 'POST',
    path: (w) => `/api/meetings/${w.meetingId}/agenda-items`,
    needs: 'meeting.edit',
    body: () => ({ title: 'Mục bổ sung', kind: 'report', durationMinutes: 10, parentId: null }),
    badBodies: [
      {},
      { title: 'Mục', kind: 'party', durationMinutes: 10, parentId: null },
      { title: 'Mục', kind: 'report', durationMinutes: -5, parentId: null },
      { title: 'Mục', kind: 'report', durationMinutes: 10 },
    ],
  },
  {
    method: 'PATCH',
    path: (w) => `/api/meetings/${w.meetingId}/agenda-items/${w.agendaItemId}`,
    needs: 'meeting.edit',
    body: () => ({ durationMinutes: 12 }),
    badBodies: [{}, { durationMinutes: 'mười' }, { kind: 'speech' }],
  },
  {
    method: 'DELETE',
    path: (w) => `/api/meetings/${w.meetingId}/agenda-items/00000000-0000-4000-8000-000000000000`,
    needs: 'meeting.edit',
  },
  {
    method: 'PUT',
    path: (w) => `/api/meetings/${w.meetingId}/agenda-order`,
    needs: 'meeting.edit',
    body: () => ({ items: [] }),
    badBodies: [{}, { items: [] }, { items: [{ id: 'x', children: [] }] }, { items: 'all' }],
  },
  {
    method: 'GET',
    path: (w) => `/api/meetings/${w.meetingId}/connection-points`,
    needs: 'meeting.edit',
  },
  {
    method: 'POST',
    path: (w) => `/api/meetings/${w.meetingId}/connection-points`,
    needs: 'meeting.edit',
    body: () => ({ kind: 'province', name: 'Điểm cầu tỉnh Thử', people: 'Lãnh đạo tỉnh' }),
    badBodies: [
      {},
      { kind: 'studio', name: 'Điểm cầu' },
      { kind: 'province', name: '' },
      { kind: 'province', name: longText },
      { kind: 'province', name: 'Điểm cầu', followerAccountId: 'not-an-id' },
      { kind: 'province', name: 'Điểm cầu', credential: 'chosen-by-the-caller' },
    ],
  },
  {
    method: 'POST',
    path: (w) =>
      `/api/meetings/${w.meetingId}/connection-points/00000000-0000-4000-8000-000000000000/revoke`,
    needs: 'meeting.edit',
  },
  {
    method: 'POST',
    path: (w) => `/api/bodies/${w.councilId}/members/${w.delegatePersonId}/pairing-codes`,
    needs: 'pairing.manage',
  },
  {
    method: 'POST',
    path: (w) => `/api/organisations/${w.communeId}/hall-display-codes`,
    needs: 'pairing.manage',
  },
  {
    method: 'GET',
    path: (w) => `/api/organisations/${w.communeId}/tablets`,
    needs: 'pairing.manage',
  },
  {
    method: 'DELETE',
    path: (w) => `/api/organisations/${w.communeId}/tablets/00000000-0000-4000-8000-000000000000`,
    needs: 'pairing.manage',
  },
  { method: 'GET', path: (w) => `/api/organisations/${w.communeId}/audit`, needs: 'audit.read' },
  {
    method: 'GET',
    path: (w) => `/api/meetings/${w.meetingId}/papers/attendance.pdf`,
    needs: 'meeting.papers',
  },
  { method: 'GET', path: (w) => `/api/meetings/${w.meetingId}/documents`, needs: 'meeting.view' },
  // The file is the body; the description is in the query, refused as a whole when missing.
  { method: 'POST', path: (w) => `/api/meetings/${w.meetingId}/documents`, needs: 'meeting.edit' },
  {
    method: 'POST',
    path: (w) => `/api/documents/${w.spareDocumentId}/withdraw`,
    needs: 'meeting.edit',
  },
  {
    method: 'GET',
    path: (w) => `/api/documents/${w.documentIds.members}/file`,
    needs: 'document.read',
  },
  {
    method: 'GET',
    path: (w) => `/api/documents/${w.documentIds.guests}/file`,
    needs: 'document.read_invited',
  },
  {
    method: 'GET',
    path: (w) => `/api/documents/${w.documentIds.public}/file`,
    needs: 'document.read_public',
  },
  {
    method: 'GET',
    path: (w) => `/api/documents/${w.documentIds.members}/notes`,
    needs: 'document.read',
  },
  {
    method: 'POST',
    path: (w) => `/api/documents/${w.documentIds.members}/notes`,
    needs: 'document.read',
    body: () => ({ page: 1, text: 'Ghi chú thử' }),
    multiline: ['text'],
    badBodies: [
      {},
      { page: 0, text: 'Trang không' },
      { page: 1.5, text: 'Nửa trang' },
      { page: 1, text: '' },
      { page: 1, text: longText },
      { page: 1, text: 'Vùng', highlight: { x: -1, y: 0, width: 1, height: 1 } },
      { page: 1, text: 'Thừa', owner: 'người khác' },
    ],
  },
  {
    method: 'PATCH',
    path: (w) => `/api/documents/${w.documentIds.members}/notes/${MISSING_ID}`,
    needs: 'document.read',
    body: () => ({ text: 'Sửa' }),
    multiline: ['text'],
    badBodies: [{}, { text: '' }, { text: 42 }],
  },
  {
    method: 'DELETE',
    path: (w) => `/api/documents/${w.documentIds.members}/notes/${MISSING_ID}`,
    needs: 'document.read',
  },
  { method: 'GET', path: (w) => `/api/meetings/${w.meetingId}/notice`, needs: 'meeting.view' },
  {
    method: 'POST',
    path: (w) => `/api/meetings/${w.meetingId}/notice/opened`,
    needs: 'meeting.view',
    body: () => ({ version: 1 }),
    badBodies: [{}, { version: 0 }, { version: 'một' }],
  },
  {
    method: 'GET',
    path: (w) => `/api/meetings/${w.meetingId}/notice/receipts`,
    needs: 'meeting.edit',
  },
];

/** An id no row has: a command on it is authorized first, then finds nothing. */
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

/** The route pattern of an endpoint, for test names: ids shown as :communeId and so on. */
export function routeOf(endpoint: Endpoint): string {
  const placeholders = new Proxy({}, { get: (_target, key) => `:${String(key)}` }) as World;
  return `${endpoint.method} ${endpoint.path(placeholders)}`;
}
