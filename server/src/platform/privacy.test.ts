// Least privilege on contact data: every GET route of the API, as every kind of caller, over data
// that holds phone numbers, contact names and an e-mail address. A full value reaches only the
// callers platform/privacy.ts lets see it; everyone else gets it masked or not at all. The routes
// come from the server itself, so a route added later is walked without touching this file.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { centralDirectory, entryText } from './zip.js';
import { maskName, maskPhone } from './privacy.js';
import { Agent, hostile, multipart, testServer, type TestServer } from '../test/harness.js';
import { aResidentConcern } from '../modules/opinions/testing.js';

type Caller = 'admin' | 'staff' | 'leader' | 'member' | 'unit' | 'public' | 'anonymous' | 'county_staff';
const CALLERS: Caller[] = ['admin', 'staff', 'leader', 'member', 'unit', 'public', 'anonymous', 'county_staff'];

/** A full contact value put into the data, and who may get it back. */
interface Secret {
  label: string;
  value: string;
  may: Caller[];
  /** When set, only these routes may return it (even to `may`). */
  routes?: string[];
}

const S = {
  ownMemberPhone: '13912340001',
  otherMemberPhone: '13912340002',
  countyMemberPhone: '13912340003',
  ownUnitPhone: '13912340004',
  ownUnitContact: '欧阳晓岚',
  otherUnitPhone: '0573-82345678',
  otherUnitContact: '司马文静',
  countyUnitPhone: '13912340006',
  countyUnitContact: '诸葛明月',
  residentPhone: '13912340007',
  residentName: '上官秀英',
  guestPhone: '13912340008',
  accountPhone: '13912340009',
  email: 'zhou.jing.private@example.org',
};

const secrets: Secret[] = [
  { label: "the signed-in member's own phone", value: S.ownMemberPhone, may: ['admin', 'staff', 'member'] },
  { label: "another city member's phone", value: S.otherMemberPhone, may: ['admin', 'staff'] },
  { label: "a county member's phone", value: S.countyMemberPhone, may: ['admin', 'staff', 'county_staff'] },
  { label: "the signed-in unit's contact phone", value: S.ownUnitPhone, may: ['admin', 'staff', 'unit'] },
  { label: "the signed-in unit's contact person", value: S.ownUnitContact, may: ['admin', 'staff', 'unit'] },
  { label: "another unit's contact phone", value: S.otherUnitPhone, may: ['admin', 'staff'] },
  { label: "another unit's contact person", value: S.otherUnitContact, may: ['admin', 'staff'] },
  { label: "a county unit's contact phone", value: S.countyUnitPhone, may: ['admin', 'staff', 'county_staff'] },
  { label: "a county unit's contact person", value: S.countyUnitContact, may: ['admin', 'staff', 'county_staff'] },
  { label: "a resident's phone", value: S.residentPhone, may: ['admin', 'staff'], routes: ['/api/opinions/:id/contact'] },
  { label: "a resident's name", value: S.residentName, may: ['admin', 'staff'], routes: ['/api/opinions/:id/contact'] },
  { label: "a meeting guest's phone", value: S.guestPhone, may: ['admin', 'staff'] },
  { label: "a public account's phone", value: S.accountPhone, may: ['admin'] },
  { label: "the member's e-mail address", value: S.email, may: ['admin', 'member'] },
];

/** Phone-shaped values that are examples, not anybody's number (the import template). */
const EXAMPLES = new Set(['13800000000']);
const MOBILE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g;
/** Routes that stream until the page goes away (Server-Sent Events): they carry no contact data. */
const STREAMS = [/\/live$/];

let t: TestServer;
const agents = new Map<Caller, Agent>();
/** Real ids for path parameters, by the path segment before the parameter. */
const ids: Record<string, (string | number)[]> = {};

before(async () => {
  t = await testServer({ challengeBits: 8, publicBaseUrl: 'https://sl.example.org' });
  const { city, county, cityTerm, countyTerm, sectors, countySector, unit } = t.fixture;
  for (const c of CALLERS) agents.set(c, c === 'anonymous' ? t.anonymous() : await t.as(c));
  const admin = agents.get('admin')!;
  const staff = agents.get('staff')!;
  const countyStaff = agents.get('county_staff')!;
  const ok = (res: { statusCode: number; body: string }, code = 200) => assert.equal(res.statusCode, code, res.body);

  // Members with phones: the member account's own record, another city member, a county member.
  const member = (organizationId: number, termId: number, sectorId: number, name: string, phone: string) =>
    ({ organizationId, termId, name, gender: 'female', birthYear: 1972, ethnicity: '汉族', politicalAffiliation: '无党派人士', sectorId, workplace: `嘉兴某单位${hostile}`, title: '教师', phone });
  const own = await staff.post('/api/orgs/members', member(city, cityTerm, sectors['经济界']!, '周静', S.ownMemberPhone));
  ok(own, 201);
  const other = await staff.post('/api/orgs/members', member(city, cityTerm, sectors['教育界']!, '李文', S.otherMemberPhone));
  ok(other, 201);
  const countyMember = await countyStaff.post('/api/orgs/members', member(county, countyTerm, countySector, '陈海', S.countyMemberPhone));
  ok(countyMember, 201);
  await t.services.db.updateTable('users').set({ member_id: own.data.id }).where('username', '=', 'member').execute();
  agents.set('member', await t.as('member'));
  ids.members = [own.data.id, other.data.id, countyMember.data.id];

  // Units with contacts: the unit account's own, another city unit, a county unit.
  ok(await staff.patch(`/api/orgs/handling-units/${unit}`, { contactName: S.ownUnitContact, contactPhone: S.ownUnitPhone }));
  ok(await staff.post('/api/orgs/handling-units', { organizationId: city, name: '市交通运输局', contactName: S.otherUnitContact, contactPhone: S.otherUnitPhone }), 201);
  ok(await countyStaff.post('/api/orgs/handling-units', { organizationId: county, name: '海宁市教育局', contactName: S.countyUnitContact, contactPhone: S.countyUnitPhone }), 201);

  // A resident's concern with name and phone, through the QR channel.
  const town = (await staff.get('/api/orgs/divisions?parent=330402')).data[0].code;
  const place = await staff.post('/api/orgs/places', { organizationId: city, kind: 'hall', name: '南湖区新兴街道民生议事堂', divisionCode: town });
  ok(place, 201);
  const resident = await aResidentConcern(t, staff, place.data.id, { name: S.residentName, phone: S.residentPhone });
  const report = await agents.get('member')!.post('/api/opinions', { organizationId: city, title: '关于农村养老服务的建议', text: '农村养老服务设施不足，建议统筹建设村级养老服务站点，提升服务水平。', category: 'livelihood' });
  ok(report, 201);
  ids.places = [place.data.id];
  ids.q = [resident.code];
  ids.track = [resident.trackingCode];
  ids.opinions = [resident.id, report.data.id];

  // A proposal filed by the member and accepted.
  const category = await admin.post('/api/proposals/categories', { organizationId: city, name: '经济建设' });
  ok(category, 201);
  const upload = multipart(Buffer.from('%PDF-1.4\n% 调研报告\n'), '调研报告.pdf', 'application/pdf');
  const attachment = await agents.get('member')!.request('POST', '/api/files', upload.body, upload.headers);
  ok(attachment, 201);
  const proposal = await agents.get('member')!.post('/api/proposals', {
    kind: 'individual', title: '关于加快推进城乡公交一体化的建议', reasons: '城乡公交线路覆盖不均衡，偏远村镇班次少、间隔长，群众出行不便。', suggestions: '优化线路布局，增加偏远村镇班次。', categoryId: category.data.id, attachmentIds: [attachment.data.id],
  });
  ok(proposal, 201);
  ok(await agents.get('member')!.post(`/api/proposals/${proposal.data.id}/file`, {}));
  ok(await staff.post(`/api/proposals/${proposal.data.id}/accept`, {}));
  ok(await staff.post(`/api/proposals/${proposal.data.id}/assign`, { units: [{ unitId: unit, role: 'lead' }] }));
  ids.proposals = [proposal.data.id];

  // A meeting with both city members invited, a guest with a phone, and a speech.
  const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
  const meeting = await staff.post('/api/consultations/meetings', {
    type: 'thematic', topic: '推进城乡教育优质均衡发展专题协商会', startsAt: inHours(3), endsAt: inHours(6), place: '市政协三楼会议室', online: false, publicSeats: 20,
    agenda: [{ title: '委员发言' }], invitedMemberIds: [own.data.id, other.data.id],
  });
  ok(meeting, 201);
  ok(await staff.post(`/api/consultations/meetings/${meeting.data.id}/publish`, {}));
  ok(await staff.post(`/api/consultations/meetings/${meeting.data.id}/external-guests`, { name: '王局长', category: 'official', workplace: '市教育局', phone: S.guestPhone }), 201);
  const speech = await agents.get('member')!.post(`/api/consultations/meetings/${meeting.data.id}/speeches`, { title: '关于乡村教师的建议', text: '提高乡村教师待遇。' });
  ok(speech, 201);
  const checkin = await staff.get(`/api/consultations/meetings/${meeting.data.id}/checkin-code`);
  const material = await staff.request('POST', `/api/consultations/meetings/${meeting.data.id}/materials`, upload.body, upload.headers);
  ok(material, 201);
  const photo = await t.services.db.selectFrom('opinion_files').select('file_id').where('opinion_id', '=', resident.id).executeTakeFirstOrThrow();
  ids.files = [attachment.data.id, photo.file_id, material.data.id];
  ids.materials = [material.data.id];
  ids.meetings = [meeting.data.id];
  ids.speeches = [speech.data.id];
  ids.checkin = [checkin.data.token];

  // A public user who registered with a phone, and the member's e-mail for notices.
  ok(await new Agent(t).post('/api/auth/register', { username: 'resident_wang', password: 'Quite-long-pass-2026', displayName: '王先生', phone: S.accountPhone, organizationId: city }), 201);
  ok(await agents.get('member')!.request('PUT', '/api/notifications/settings', { email: S.email, emailEnabled: true }));
});
after(() => t.close());

/** The text of an answer: JSON and other text as it is; the XML parts of an .xlsx or .docx; nothing of an image. */
async function textOf(res: { headers: Record<string, unknown>; body: string; rawPayload: Buffer }): Promise<string> {
  const type = String(res.headers['content-type'] ?? '');
  if (/openxmlformats/.test(type)) {
    const entries = centralDirectory(res.rawPayload, { maxEntryBytes: 50 * 2 ** 20, maxTotalBytes: 100 * 2 ** 20, maxRatio: 1000 });
    const parts = await Promise.all([...entries.values()].filter((e) => e.name.endsWith('.xml')).map((e) => entryText(res.rawPayload, e)));
    return parts.join('\n');
  }
  if (/^(image\/(png|jpeg|gif|webp)|application\/pdf)/.test(type)) return '';
  return res.body;
}

/** Each way of filling the route's parameters with real ids (the segment before a parameter names its kind). */
function fillings(url: string): { path: string; unknown: string[] }[] {
  const segments = url.split('/');
  let out: { path: string[]; unknown: string[] }[] = [{ path: [], unknown: [] }];
  segments.forEach((seg, i) => {
    if (!seg.startsWith(':')) return void out.forEach((o) => o.path.push(seg));
    const kind = segments[i - 1]!;
    const values = ids[kind]?.length ? ids[kind]! : ['1'];
    out = out.flatMap((o) => values.map((v) => ({ path: [...o.path, encodeURIComponent(String(v))], unknown: ids[kind]?.length ? o.unknown : [...o.unknown, `${url} ${seg}`] })));
  });
  return out.map((o) => ({ path: o.path.join('/'), unknown: o.unknown }));
}

describe('contact data on every GET route', () => {
  it('reaches only the callers that may see it, masked for the rest', async () => {
    const routes = [...new Set(t.routes.filter((r) => r.method === 'GET' && !r.url.startsWith('/api/docs') && !STREAMS.some((s) => s.test(r.url))).map((r) => r.url))];
    assert.ok(routes.length > 80, `only ${routes.length} GET routes found`);
    const leaks: string[] = [];
    const seen = new Map<string, Set<Caller>>();
    const unfilled = new Set<string>();
    let requests = 0;
    for (const route of routes) {
      for (const { path, unknown } of fillings(route)) {
        unknown.forEach((u) => unfilled.add(u));
        for (const caller of CALLERS) {
          const agent = agents.get(caller)!;
          let res = await agent.get(path);
          requests++;
          // A list that needs to be told which organization: asked again for the city.
          if (res.statusCode === 400) {
            res = await agent.get(`${path}?organizationId=${t.fixture.city}`);
            requests++;
          }
          const text = await textOf(res);
          for (const s of secrets) {
            if (!text.includes(s.value)) continue;
            if (!seen.has(s.label)) seen.set(s.label, new Set());
            seen.get(s.label)!.add(caller);
            if (!s.may.includes(caller) || (s.routes && !s.routes.includes(route))) leaks.push(`${caller} GET ${path}: ${s.label}`);
          }
          const known = new Set(secrets.map((s) => s.value));
          for (const m of text.matchAll(MOBILE)) if (!known.has(m[0]) && !EXAMPLES.has(m[0])) leaks.push(`${caller} GET ${path}: an unknown phone-shaped value ${m[0]}`);
        }
      }
    }
    if (unfilled.size) console.log(`parameters without a real id (walked with 1): ${[...unfilled].join(', ')}`);
    console.log(`walked ${routes.length} GET routes as ${CALLERS.length} callers: ${requests} requests`);
    assert.deepEqual(leaks, []);
    // The walk did reach the data: each value that some route returns was seen in full by a caller allowed to.
    for (const label of secrets.filter((s) => s.value !== S.accountPhone).map((s) => s.label)) assert.ok(seen.get(label)?.size, `nobody saw ${label}: the walk missed it`);
  });

  it('shows the masked form where the full one is withheld', async () => {
    const leader = agents.get('leader')!;
    const members = await leader.get('/api/orgs/members');
    assert.ok(members.body.includes(maskPhone(S.otherMemberPhone)), members.body);
    const units = await agents.get('public')!.get('/api/orgs/handling-units');
    assert.equal(units.statusCode, 200);
    const own = (await agents.get('unit')!.get('/api/orgs/handling-units')).data as { name: string; contactName: string | null; contactPhone: string | null }[];
    const other = own.find((u) => u.name === '市交通运输局')!;
    assert.deepEqual([other.contactName, other.contactPhone], [maskName(S.otherUnitContact), '057****5678']);
    const mine = own.find((u) => u.name === '市教育局')!;
    assert.deepEqual([mine.contactName, mine.contactPhone], [S.ownUnitContact, S.ownUnitPhone]);
  });
});
