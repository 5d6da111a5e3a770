import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DivisionIndex, generateDemoData, generateMembers, jiaxingDivisions, memberLookups, mobilePattern, mulberry32,
} from './generate.js';

const divisions = jiaxingDivisions();
const index = new DivisionIndex(divisions);
const data = generateDemoData();
const of = <T extends { organizationKey: string }>(rows: T[], key: string) => rows.filter((r) => r.organizationKey === key);

test('the divisions file holds Jiaxing down to its villages', () => {
  const count = (level: string) => divisions.filter((d) => d.level === level).length;
  assert.deepEqual([count('province'), count('city'), count('county')], [1, 1, 7]);
  assert.ok(count('town') >= 65 && count('town') <= 80, `towns: ${count('town')}`);
  assert.ok(count('village') >= 1150 && count('village') <= 1250, `villages: ${count('village')}`);
  assert.equal(index.get('330400').name, '嘉兴市');
  assert.equal(index.get('330000').name, '浙江省');
  for (const d of divisions) if (d.parentCode) assert.ok(index.byCode.has(d.parentCode), `${d.name} has no parent`);
});

test('a city CPPCC under its province, and one CPPCC per county named from the divisions', () => {
  const city = data.organizations.find((o) => o.level === 'city')!;
  assert.equal(city.name, '嘉兴市政协');
  assert.equal(city.divisionCode, '330400');
  assert.equal(data.organizations.find((o) => o.key === city.parentKey)?.name, '浙江省政协');
  const counties = data.organizations.filter((o) => o.level === 'county');
  assert.equal(counties.length, 7);
  for (const c of counties) {
    assert.equal(c.parentKey, city.key);
    assert.equal(c.name, `${index.get(c.divisionCode).name}政协`);
  }
  assert.ok(counties.some((c) => c.name === '南湖区政协') && counties.some((c) => c.name === '桐乡市政协'));
});

test('every organization has one current term with sessions, and the city its 9 committees', () => {
  for (const o of data.organizations) {
    const terms = of(data.terms, o.key).filter((t) => t.current);
    assert.equal(terms.length, 1, o.name);
    assert.ok(data.sessions.some((s) => s.termKey === terms[0]!.key), o.name);
  }
  assert.equal(data.terms.find((t) => t.organizationKey === 'org-330400')?.number, 9);
  assert.equal(of(data.committees, 'org-330400').length, 9);
  assert.ok(of(data.sectors, 'org-330400').length >= 30);
  assert.ok(of(data.handlingUnits, 'org-330400').length >= 30);
  for (const o of data.organizations.filter((x) => x.level === 'county')) {
    assert.ok(of(data.committees, o.key).length < 9);
    assert.ok(of(data.handlingUnits, o.key).length >= 10);
    assert.ok(of(data.partyGroups, o.key).some((g) => g.kind === 'federation'));
  }
});

test('member counts per organization are in range', () => {
  assert.equal(of(data.members, 'org-330400').length, 400);
  for (const o of data.organizations.filter((x) => x.level === 'county')) {
    const n = of(data.members, o.key).length;
    assert.ok(n >= 250 && n <= 350, `${o.name}: ${n}`);
  }
  const small = generateDemoData({ cityMembers: 50, countyMembers: [10, 12] });
  assert.equal(of(small.members, 'org-330400').length, 50);
  assert.ok(small.members.length <= 50 + 7 * 12);
});

test('members are plausible and consistent with their organization', () => {
  const terms = new Map(data.terms.map((t) => [t.key, t]));
  for (const m of data.members) {
    assert.match(m.name, /^[\u4e00-\u9fff]{2,3}$/);
    assert.ok(m.birthYear >= 1958 && m.birthYear <= 1992);
    assert.ok(of(data.sectors, m.organizationKey).some((s) => s.name === m.sectorName), `${m.name}: ${m.sectorName}`);
    assert.ok(m.committeeNames.length >= 1 && m.committeeNames.length <= 2);
    for (const c of m.committeeNames) assert.ok(of(data.committees, m.organizationKey).some((x) => x.name === c));
    assert.equal(terms.get(m.termKey)?.organizationKey, m.organizationKey);
    assert.ok(m.workplace && m.title && !/[{}]/.test(m.workplace + m.title), `${m.workplace} ${m.title}`);
    assert.equal(m.status === 'exited', m.exitedOn !== null && m.exitReason !== null);
    if (m.sectorName === '中国共产党') assert.equal(m.politicalAffiliation, '中共党员');
    if (m.sectorName === '中国民主同盟') assert.equal(m.politicalAffiliation, '民盟盟员');
    if (m.sectorName === '九三学社') assert.equal(m.politicalAffiliation, '九三学社社员');
    if (m.sectorName === '宗教界') assert.notEqual(m.politicalAffiliation, '中共党员');
    if (m.sectorName === '少数民族界') assert.notEqual(m.ethnicity, '汉族');
  }
  const women = data.members.filter((m) => m.gender === 'female').length / data.members.length;
  assert.ok(women > 0.28 && women < 0.45, `women: ${women}`);
  const twoChar = data.members.filter((m) => m.name.length === 2).length / data.members.length;
  assert.ok(twoChar > 0.25 && twoChar < 0.42, `two-character names: ${twoChar}`);
  const standing = of(data.members, 'org-330400').filter((m) => m.standing).length;
  assert.ok(standing >= 40 && standing <= 80, `standing: ${standing}`);
});

test('phone numbers are valid mobile numbers, unique across the whole data set', () => {
  const phones = [...data.members.map((m) => m.phone), ...data.handlingUnits.map((u) => u.contactPhone)];
  for (const p of phones) assert.match(p, mobilePattern);
  assert.equal(new Set(phones).size, phones.length);
});

test('places sit in real towns and villages of their organization\'s area', () => {
  const count = (kind: string) => data.places.filter((p) => p.kind === kind).length;
  const towns = divisions.filter((d) => d.level === 'town');
  assert.equal(count('hall'), towns.length);
  assert.ok(count('station') >= 180 && count('station') <= 220);
  assert.ok(count('studio') >= 35 && count('studio') <= 45);
  assert.ok(count('lounge') >= 12 && count('lounge') <= 18);
  assert.ok(count('contact_point') >= 50 && count('contact_point') <= 70);
  const orgs = new Map(data.organizations.map((o) => [o.key, o]));
  const members = new Map(data.members.map((m) => [m.key, m]));
  for (const p of data.places) {
    const d = index.byCode.get(p.divisionCode);
    assert.ok(d && (d.level === 'town' || d.level === 'village'), `${p.name}: ${p.divisionCode}`);
    const org = orgs.get(p.organizationKey)!;
    const area = index.ancestor(d.code, org.level === 'city' ? 'city' : 'county');
    assert.equal(area?.code, org.divisionCode, `${p.name} lies outside ${org.name}`);
    if (p.kind === 'hall') assert.equal(p.name, `${d.name}民生议事堂`);
    if (p.kind === 'studio') {
      const m = members.get(p.memberKey!);
      assert.equal(m?.organizationKey, p.organizationKey);
      assert.equal(p.name, `${m.name}委员工作室`);
    }
    if (p.kind === 'lounge') assert.ok(p.stars! >= 3 && p.stars! <= 5);
  }
  // A town of 南湖区 from the divisions file has its hall.
  const nanhu = divisions.find((d) => d.level === 'county' && d.name === '南湖区')!;
  const town = index.childrenOf(nanhu.code)[0]!;
  assert.ok(data.places.some((p) => p.kind === 'hall' && p.divisionCode === town.code && p.name.startsWith(town.name)));
  assert.equal(new Set(data.places.map((p) => p.name)).size, data.places.length);
  assert.equal(new Set(data.places.map((p) => p.key)).size, data.places.length);
});

test('the same seed gives the same data, another seed other data', () => {
  assert.deepEqual(generateDemoData({ seed: 7 }), generateDemoData({ seed: 7 }));
  assert.deepEqual(generateDemoData(), data);
  assert.notDeepEqual(generateDemoData({ seed: 8 }).members, generateDemoData({ seed: 7 }).members);
});

// How fast this runs is measured by npm run bench (seeding 20,000 members), not asserted here.
test('20,000 members for benchmarks, with phones and keys still unique', () => {
  const lookups = memberLookups(data, 'org-330400');
  const members = generateMembers(20_000, data.organizations.find((o) => o.key === 'org-330400')!, mulberry32(1), lookups);
  assert.equal(members.length, 20_000);
  const phones = new Set([...data.members.map((m) => m.phone), ...members.map((m) => m.phone)]);
  assert.equal(phones.size, data.members.length + 20_000);
  const keys = new Set([...data.members.map((m) => m.key), ...members.map((m) => m.key)]);
  assert.equal(keys.size, data.members.length + 20_000);
  for (const m of members) assert.match(m.name, /^[\u4e00-\u9fff]{2,3}$/);
});
