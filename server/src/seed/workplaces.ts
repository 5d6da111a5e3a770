// Fills the workplace templates of catalog.ts with real place names of the member's own area, so a
// county member works in that county and a town named in a workplace exists.
import { villageShort, type Division } from './divisions.js';
import { pick, type Rng } from './random.js';

export interface Area {
  name: string; // 嘉兴市, 海宁市, 南湖区
  short: string; // 嘉兴, 海宁, 南湖
  isCity: boolean;
  towns: readonly Division[];
  zhen: readonly Division[]; // the towns that are 镇
  villages: readonly Division[]; // villages proper (村), where farming jobs are; not urban communities
  countyOfTown: ReadonlyMap<string, string>; // town code → county name
  units: readonly string[]; // the organization's handling units
}

const BRANDS = [...'嘉欣 禾润 华成 恒信 中达 新禾 永顺 瑞丰 天和 宏达 亚泰 鼎盛 金禾 立信 海天 明峰 振华 兴达 华隆 佳利 长丰 东海 南方 国泰 丰源 合众 远景 春晖'.split(' ')];
const INDUSTRIES = ['纺织', '新材料', '电子科技', '智能装备', '汽车零部件', '食品', '化纤', '建设', '物流', '生物科技', '光伏科技', '精密机械', '环保科技', '印染', '置业'];
// What each county is known for, so companies sound local.
const LOCAL_INDUSTRIES: Record<string, string[]> = {
  南湖区: ['汽车零部件', '微电子'], 秀洲区: ['光伏科技', '丝绸'], 嘉善县: ['木业', '电子科技'], 海盐县: ['紧固件', '核电装备'],
  海宁市: ['皮革', '经编', '家纺'], 平湖市: ['服装', '光机电', '箱包'], 桐乡市: ['毛衫', '化纤', '丝绸'],
};
const FORMS = ['有限公司', '有限公司', '股份有限公司', '集团有限公司'];

function company(rng: Rng, area: Area, industry?: string): string {
  const local = LOCAL_INDUSTRIES[area.name];
  const what = industry ?? (local && rng() < 0.5 ? pick(rng, local) : pick(rng, INDUSTRIES));
  // Accounting firms and the like are partnerships, not companies.
  const form = what.endsWith('事务所') ? '' : pick(rng, FORMS);
  return area.short + pick(rng, BRANDS) + what + form;
}

function unitHead(unit: string): string {
  if (unit.endsWith('局') || unit.endsWith('分局')) return '副局长';
  if (unit.endsWith('部')) return '副部长';
  if (unit.endsWith('公司')) return '副总经理';
  if (unit.endsWith('支队')) return '副支队长';
  return '副主任';
}

/** "workplace|title/title" with placeholders → [workplace, title]. */
export function fillJob(template: string, area: Area, rng: Rng, memberName: string): [string, string] {
  const [place = '', titles = ''] = template.replace(/^[市县]:/, '').split('|');
  let unit = '';
  const town = () => pick(rng, area.towns);
  // Farms and village schools belong in a town (镇), not a city street (街道).
  const zhen = () => pick(rng, area.zhen.length ? area.zhen : area.towns);
  const fill = (text: string) => text.replace(/\{(\w+)(?::([^}]+))?\}/g, (_, key: string, arg?: string) => {
    switch (key) {
      case 'area': return area.name;
      case 'head': return area.name.slice(-1); // 副市长 / 副区长 / 副县长
      case 'town': return town().name;
      case 'townParty': { const t = town(); return t.name + (t.name.endsWith('街道') ? '党工委' : '党委'); }
      case 'zhen': return zhen().name;
      case 'zhenFull': { const t = zhen(); return (area.countyOfTown.get(t.code) ?? '') + t.name; }
      case 'village': return villageShort(pick(rng, area.villages).name);
      case 'company': return company(rng, area, arg);
      case 'brand': return pick(rng, BRANDS);
      case 'bank': return pick(rng, ['中国工商银行', '中国农业银行', '中国银行', '中国建设银行']) + area.short + (area.isCity ? '分行' : '支行');
      case 'unit': {
        unit = pick(rng, area.units);
        // The city's unit list says 市教育局, 市委宣传部; a workplace is written in full.
        if (unit.startsWith('市委')) return `中共${area.name}${unit.slice(1)}`;
        return unit.startsWith('市') ? area.name + unit.slice(1) : unit;
      }
      case 'name': return memberName;
      default: throw new Error(`unknown placeholder {${key}} in ${template}`);
    }
  });
  const workplace = fill(place);
  const title = titles === '{unitHead}' ? unitHead(unit) : fill(pick(rng, titles.split('/')));
  return [workplace, title];
}

/** Templates that apply to this level (those marked 市: only in the city, 县: only in counties). */
export const jobsFor = (templates: readonly string[], isCity: boolean) =>
  templates.filter((t) => !t.startsWith(isCity ? '县:' : '市:'));

/** Titles only one person holds at a workplace (校长, 董事长, 书记…), unlike 副院长 or 主任医师. */
export const soleHolder = (title: string) =>
  !/副|原|教授|医师|研究员|教师|律师|合伙人|记者|教研员|农艺师|画家|科主任|馆员|教练|工程师|技术总监|研发/.test(title);
