// The demo data set: a city CPPCC (嘉兴市政协) under its province, its seven county CPPCCs, their
// terms, sectors, committees, party groups, handling units, members and places. Pure and
// deterministic: rows refer to each other by local keys and names, and load.ts turns them into ids.
import { addDays } from '../platform/time.js';
import type { OrgLevel, PartyGroupTable, PlaceKind } from '../platform/db/types.js';
import {
  CITY_COMMITTEES, CITY_UNITS, COUNTY_COMMITTEES, COUNTY_TERMS, COUNTY_UNITS, DEMOCRATIC_PARTIES, EXIT_REASONS,
  LOUNGE_THEMES, MINORITIES, SECTORS, type SectorSpec,
} from './catalog.js';
import { areaShort, DivisionIndex, jiaxingDivisions, villageShort, type Division } from './divisions.js';
import { PhoneBook, personName } from './names.js';
import { apportion, chance, int, mulberry32, pick, shuffle, weighted, type Rng } from './random.js';
import { fillJob, jobsFor, soleHolder, type Area } from './workplaces.js';

export { mulberry32, type Rng } from './random.js';
export { PhoneBook, mobilePattern } from './names.js';
export { DivisionIndex, jiaxingDivisions, type Division, type DivisionLevel } from './divisions.js';
export type { Area } from './workplaces.js';

export interface OrganizationSeed {
  key: string; // 'org-330400': the division code, so keys are stable and readable
  name: string;
  level: OrgLevel;
  parentKey: string | null;
  divisionCode: string;
}
export interface TermSeed {
  key: string; // 'org-330400/t9'
  organizationKey: string;
  number: number;
  startsOn: string;
  endsOn: string | null;
  current: boolean;
}
export interface SessionSeed {
  key: string; // 'org-330400/t9/s2'
  termKey: string;
  number: number;
  opensOn: string;
}
/** Sectors, committees and party groups are referred to by name, unique within their organization. */
export interface SectorSeed {
  organizationKey: string;
  name: string;
  sort: number;
}
export type CommitteeSeed = SectorSeed;
export interface PartyGroupSeed {
  organizationKey: string;
  name: string;
  kind: PartyGroupTable['kind'];
  sort: number;
}
export interface HandlingUnitSeed {
  organizationKey: string;
  name: string;
  contactName: string;
  contactPhone: string;
  active: boolean;
  sort: number;
}
export interface MemberSeed {
  key: string; // 'org-330400/m17'
  organizationKey: string;
  termKey: string;
  name: string;
  gender: 'male' | 'female';
  birthYear: number;
  ethnicity: string;
  politicalAffiliation: string;
  sectorName: string;
  committeeNames: string[];
  workplace: string;
  title: string;
  phone: string;
  standing: boolean;
  status: 'active' | 'exited';
  exitedOn: string | null;
  exitReason: string | null;
}
export interface PlaceSeed {
  key: string; // 'hall-330402100', 'studio-3'
  organizationKey: string;
  kind: PlaceKind;
  name: string;
  divisionCode: string; // a town (9 digits) or village (12 digits)
  address: string;
  memberKey: string | null; // studios: the member who runs it
  stars: number | null; // lounges: 3–5
  active: boolean;
}
export interface DemoData {
  seed: number;
  organizations: OrganizationSeed[];
  terms: TermSeed[];
  sessions: SessionSeed[];
  sectors: SectorSeed[];
  committees: CommitteeSeed[];
  partyGroups: PartyGroupSeed[];
  handlingUnits: HandlingUnitSeed[];
  members: MemberSeed[];
  places: PlaceSeed[];
}
export interface DemoOptions {
  seed?: number;
  cityMembers?: number; // default 400
  countyMembers?: [min: number, max: number]; // default [250, 350]
  divisions?: readonly Division[]; // default: the Jiaxing file
}
/** What generateMembers needs to know about the organization the members belong to. */
export interface MemberLookups {
  termKey: string;
  termStartsOn: string;
  sectors: readonly string[];
  committees: readonly string[];
  area: Area;
  phones: PhoneBook; // shared, so phones stay unique across the whole data set
  firstNumber?: number; // of the member keys, default 1
}

const SECTOR_SPECS = new Map(SECTORS.map((s) => [s.name, s]));
const PARTY_MEMBER = new Map<string, string>(DEMOCRATIC_PARTIES.map((p) => [p.short, p.member]));
const orgKey = (divisionCode: string) => `org-${divisionCode}`;

/** An independent stream per part, so adding members to one county does not reshuffle the others. */
function rngFor(seed: number, label: string): Rng {
  let h = seed ^ 0x9e3779b9;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  return mulberry32(h);
}


function affiliation(rng: Rng, spec: SectorSpec): string {
  const p = spec.politics;
  if (typeof p === 'object') return PARTY_MEMBER.get(p.party) ?? `${p.party}成员`;
  switch (p) {
    case 'ccp': return '中共党员';
    case 'nonparty': return '无党派人士';
    case 'mass': return chance(rng, 0.75) ? '中共党员' : '群众';
    case 'invited': return chance(rng, 0.85) ? '中共党员' : '群众';
    case 'religion': return chance(rng, 0.8) ? '群众' : '无党派人士';
    case 'mixed': return weighted(rng, ['中共党员', '无党派人士', '群众'], [45, 15, 40]);
  }
}

/**
 * `count` members of `org`, spread over its sectors by the usual shares, with names unique within
 * the call where the name pool allows. Fast enough for benchmark sets (20,000 in well under a second).
 */
export function generateMembers(count: number, org: OrganizationSeed, rng: Rng, lookups: MemberLookups): MemberSeed[] {
  const isCity = lookups.area.isCity;
  // A sector the catalog does not know (added by an admin) gets the mixed profile.
  const specs = lookups.sectors.map((name): SectorSpec =>
    SECTOR_SPECS.get(name) ?? { name, weight: 8, county: true, politics: 'mixed', jobs: SECTORS.find((s) => s.name === '经济界')!.jobs, committees: [] });
  const jobs = specs.map((s) => jobsFor(s.jobs, isCity));
  const preferred = specs.map((s) => lookups.committees.filter((c) => s.committees.some((k) => c.includes(k))));
  const sectorOf = shuffle(rng, apportion(count, specs.map((s) => s.weight)).flatMap((n, i) => Array<number>(n).fill(i)));
  const names = new Set<string>();
  const posts = new Set<string>();
  const first = lookups.firstNumber ?? 1;
  const out: MemberSeed[] = [];
  for (let n = 0; n < count; n++) {
    const i = sectorOf[n]!;
    const spec = specs[i]!;
    const gender = chance(rng, spec.female ?? 0.35) ? 'female' : 'male';
    let name = personName(rng, gender);
    for (let tries = 0; names.has(name) && tries < 20; tries++) name = personName(rng, gender);
    names.add(name);
    const committees: string[] = [];
    if (lookups.committees.length) {
      committees.push(preferred[i]!.length && chance(rng, 0.75) ? pick(rng, preferred[i]!) : pick(rng, lookups.committees));
      const second = pick(rng, lookups.committees);
      if (chance(rng, 0.35) && second !== committees[0]) committees.push(second);
    }
    // Two headmasters of one school would look wrong: draw again (a few times) when a sole post is taken.
    let [workplace, title] = fillJob(pick(rng, jobs[i]!), lookups.area, rng, name);
    for (let tries = 0; soleHolder(title) && posts.has(workplace + title) && tries < 10; tries++) {
      [workplace, title] = fillJob(pick(rng, jobs[i]!), lookups.area, rng, name);
    }
    if (soleHolder(title)) posts.add(workplace + title);
    const exited = chance(rng, 0.015);
    out.push({
      key: `${org.key}/m${first + n}`,
      organizationKey: org.key,
      termKey: lookups.termKey,
      name,
      gender,
      // Two uniform draws: most members are in their forties and fifties, few at the ends of 1958–1992.
      birthYear: 1958 + Math.floor(((rng() + rng()) / 2) * 35),
      ethnicity: spec.minority || chance(rng, 0.02) ? pick(rng, MINORITIES) : '汉族',
      politicalAffiliation: affiliation(rng, spec),
      sectorName: spec.name,
      committeeNames: committees,
      workplace,
      title,
      phone: lookups.phones.next(rng),
      standing: chance(rng, 0.15),
      status: exited ? 'exited' : 'active',
      exitedOn: exited ? addDays(lookups.termStartsOn, int(rng, 180, 1600)) : null,
      exitReason: exited ? pick(rng, EXIT_REASONS) : null,
    });
  }
  return out;
}

function areaOf(index: DivisionIndex, divisionCode: string, units: readonly string[]): Area {
  const d = index.get(divisionCode);
  const towns = index.within(divisionCode, 'town');
  return {
    name: d.name,
    short: areaShort(d.name),
    isCity: d.level === 'city',
    towns,
    zhen: towns.filter((t) => t.name.endsWith('镇')),
    villages: index.within(divisionCode, 'village').filter((v) => villageShort(v.name).endsWith('村')),
    countyOfTown: new Map(towns.map((t) => [t.code, index.get(t.parentCode!).name])),
    units,
  };
}

/** Everything generateMembers needs for one organization of a generated data set (e.g. for benchmarks). */
export function memberLookups(data: DemoData, organizationKey: string, divisions: readonly Division[] = jiaxingDivisions()): MemberLookups {
  const org = data.organizations.find((o) => o.key === organizationKey);
  const term = data.terms.find((t) => t.organizationKey === organizationKey && t.current);
  if (!org || !term) throw new Error(`no organization with a current term: ${organizationKey}`);
  const mine = <T extends { organizationKey: string }>(rows: T[]) => rows.filter((r) => r.organizationKey === organizationKey);
  return {
    termKey: term.key,
    termStartsOn: term.startsOn,
    sectors: mine(data.sectors).map((s) => s.name),
    committees: mine(data.committees).map((c) => c.name),
    area: areaOf(new DivisionIndex(divisions), org.divisionCode, mine(data.handlingUnits).map((u) => u.name)),
    phones: new PhoneBook([...data.members.map((m) => m.phone), ...data.handlingUnits.map((u) => u.contactPhone)]),
    firstNumber: mine(data.members).length + 1,
  };
}

// Session dates: the city's sessions 2 and 5 are the real ones, the others plausible.
const CITY_TERM = { number: 9, sessions: ['2022-02-18', '2023-02-26', '2024-01-20', '2025-01-17', '2026-01-19'] };
const PROVINCE_TERM = { number: 13, sessions: ['2023-01-12', '2024-01-22', '2025-01-13', '2026-01-20'] };

export function generateDemoData(options: DemoOptions = {}): DemoData {
  const seed = options.seed ?? 2022;
  const [minCounty, maxCounty] = options.countyMembers ?? [250, 350];
  const index = new DivisionIndex(options.divisions ?? jiaxingDivisions());
  const city = index.all.find((d) => d.level === 'city');
  const province = city?.parentCode ? index.get(city.parentCode) : undefined;
  if (!city || !province) throw new Error('the divisions need a city under a province');
  const counties = index.childrenOf(city.code).filter((d) => d.level === 'county');
  const rng = rngFor(seed, 'structure');
  const phones = new PhoneBook();
  const data: DemoData = {
    seed, organizations: [], terms: [], sessions: [], sectors: [], committees: [], partyGroups: [], handlingUnits: [], members: [], places: [],
  };

  const addOrg = (d: Division, level: OrgLevel, parent: Division | null): OrganizationSeed => {
    const org = { key: orgKey(d.code), name: `${d.name}政协`, level, parentKey: parent ? orgKey(parent.code) : null, divisionCode: d.code };
    data.organizations.push(org);
    return org;
  };
  const addTerm = (org: OrganizationSeed, number: number, sessions: string[]): TermSeed => {
    const term = { key: `${org.key}/t${number}`, organizationKey: org.key, number, startsOn: sessions[0]!, endsOn: null, current: true };
    data.terms.push(term);
    sessions.forEach((opensOn, i) => data.sessions.push({ key: `${term.key}/s${i + 1}`, termKey: term.key, number: i + 1, opensOn }));
    return term;
  };

  // The province is only the parent that the city reports to; it has no members here.
  addTerm(addOrg(province, 'province', null), PROVINCE_TERM.number, PROVINCE_TERM.sessions);
  const cityOrg = addOrg(city, 'city', province);
  const orgs: { org: OrganizationSeed; term: TermSeed; division: Division }[] = [
    { org: cityOrg, term: addTerm(cityOrg, CITY_TERM.number, CITY_TERM.sessions), division: city },
  ];
  for (const county of counties) {
    const org = addOrg(county, 'county', city);
    const sessions = [2022, 2023, 2024, 2025, 2026].map((y) => `${y}-01-${String(int(rng, 6, 26)).padStart(2, '0')}`);
    orgs.push({ org, term: addTerm(org, COUNTY_TERMS[county.name] ?? 10, sessions), division: county });
  }

  for (const { org, term, division } of orgs) {
    const isCity = org.level === 'city';
    const area = division.name;
    // Not every democratic party has an organization in every county.
    const parties = DEMOCRATIC_PARTIES.filter((p) => isCity || chance(rng, p.inCounty));
    const sectors = SECTORS.filter((s) =>
      typeof s.politics === 'object' ? parties.some((p) => p.sector === s.name) : isCity || s.county).map((s) => s.name);
    const committees = isCity ? CITY_COMMITTEES : COUNTY_COMMITTEES;
    sectors.forEach((name, sort) => data.sectors.push({ organizationKey: org.key, name, sort }));
    committees.forEach((name, sort) => data.committees.push({ organizationKey: org.key, name, sort }));
    [
      ...parties.map((p) => ({ name: p.short + (isCity ? `${area}委会` : `${area}基层委员会`), kind: 'democratic_party' as const })),
      { name: `${area}工商联`, kind: 'federation' as const },
      { name: '无党派人士', kind: 'non_party' as const },
    ].forEach((g, sort) => data.partyGroups.push({ organizationKey: org.key, ...g, sort }));

    const police = area.endsWith('区') ? `嘉兴市公安局${area}分局` : `${area}公安局`;
    const units = isCity ? CITY_UNITS : COUNTY_UNITS.map((u) =>
      u.replace('{area}', area).replace('{short}', areaShort(area)).replace('{police}', police));
    units.forEach((name, sort) => data.handlingUnits.push({
      organizationKey: org.key, name, contactName: personName(rng, chance(rng, 0.5) ? 'female' : 'male'),
      contactPhone: phones.next(rng), active: true, sort,
    }));

    const count = isCity ? (options.cityMembers ?? 400) : int(rng, minCounty, maxCounty);
    data.members.push(...generateMembers(count, org, rngFor(seed, org.key), {
      termKey: term.key, termStartsOn: term.startsOn, sectors, committees, area: areaOf(index, division.code, units), phones,
    }));
  }

  data.places = generatePlaces(index, orgs.map((o) => o.org), data.members, rngFor(seed, 'places'));
  return data;
}

function generatePlaces(index: DivisionIndex, orgs: OrganizationSeed[], members: MemberSeed[], rng: Rng): PlaceSeed[] {
  const [cityOrg, ...countyOrgs] = orgs as [OrganizationSeed, ...OrganizationSeed[]];
  const countyOf = (code: string) => index.ancestor(code, 'county')!;
  const ownerOf = (code: string) => orgKey(countyOf(code).code);
  const address = (d: Division): string => {
    const town = d.level === 'village' ? index.get(d.parentCode!) : d;
    return `${index.get(cityOrg.divisionCode).name}${countyOf(d.code).name}${town.name}${d.level === 'village' ? villageShort(d.name) : ''}`;
  };
  const place = (key: string, organizationKey: string, kind: PlaceKind, name: string, d: Division, extra: Partial<PlaceSeed> = {}): PlaceSeed =>
    ({ key, organizationKey, kind, name, divisionCode: d.code, address: address(d), memberKey: null, stars: null, active: true, ...extra });
  const towns = index.within(cityOrg.divisionCode, 'town');
  const villages = index.within(cityOrg.divisionCode, 'village');
  const townsOf = (org: OrganizationSeed) => index.within(org.divisionCode, 'town');
  // Several villages share a name (金星村, 中山社区): those places carry their town's name too.
  const seen = new Map<string, number>();
  for (const v of villages) seen.set(villageShort(v.name), (seen.get(villageShort(v.name)) ?? 0) + 1);
  const placeName = (d: Division) => {
    if (d.level !== 'village') return d.name;
    const short = villageShort(d.name);
    return seen.get(short)! > 1 ? index.get(d.parentCode!).name + short : short;
  };
  const byCode = (a: Division, b: Division) => a.code.localeCompare(b.code);
  // The city runs some studios, lounges and contact points itself; the rest go round the counties.
  const owners = (n: number, cityShare: number) =>
    Array.from({ length: n }, (_, i) => (i < Math.round(n * cityShare) ? cityOrg : countyOrgs[i % countyOrgs.length]!));
  const out: PlaceSeed[] = [];

  // One livelihood hall per town or street; a deliberation station in about one village in six.
  for (const t of towns) out.push(place(`hall-${t.code}`, ownerOf(t.code), 'hall', `${t.name}民生议事堂`, t));
  for (const v of shuffle(rng, villages).slice(0, 200).sort(byCode)) {
    out.push(place(`station-${v.code}`, ownerOf(v.code), 'station', `${placeName(v)}协商驿站`, v));
  }

  // Studios carry a member's name; the town is where the member works when the workplace names one.
  const usedNames = new Set<string>();
  owners(40, 0.2).forEach((org, i) => {
    const candidates = members.filter((m) => m.organizationKey === org.key && m.status === 'active' && !usedNames.has(m.name));
    const m = pick(rng, candidates);
    usedNames.add(m.name);
    const orgTowns = townsOf(org);
    const town = orgTowns.find((t) => m.workplace.includes(t.name)) ?? pick(rng, orgTowns);
    out.push(place(`studio-${i + 1}`, org.key, 'studio', `${m.name}委员工作室`, town, { memberKey: m.key }));
  });

  owners(15, 0.35).forEach((org, i) => {
    out.push(place(`lounge-${i + 1}`, org.key, 'lounge', `“${LOUNGE_THEMES[i]}”委员会客厅`, pick(rng, townsOf(org)),
      { stars: weighted(rng, [3, 4, 5], [4, 4, 2]) }));
  });

  // Contact points sit mostly in villages and communities, some at town level; one per division.
  const usedCodes = new Set<string>();
  owners(60, 0.25).forEach((org, i) => {
    let d: Division;
    do {
      d = chance(rng, 0.7) ? pick(rng, index.within(org.divisionCode, 'village')) : pick(rng, townsOf(org));
    } while (usedCodes.has(d.code));
    usedCodes.add(d.code);
    out.push(place(`contact-${i + 1}`, org.key, 'contact_point', `${placeName(d)}社情民意信息联系点`, d));
  });
  return out;
}
