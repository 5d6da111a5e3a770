// Plausible Chinese personal names for demo members and contacts. Surname weights follow the
// national frequency loosely, raised for the names common in northern Zhejiang (沈, 朱, 徐, 钱, 陆, 顾, 金, 俞, 褚 …).
import { chance, pick, type Rng } from './random.js';

const SURNAMES_BY_WEIGHT: Record<number, string> = {
  9: '陈王沈',
  7: '张李徐朱',
  6: '吴周金钱陆顾',
  4: '刘杨黄孙胡蒋姚俞褚',
  3: '赵马郭林何高罗郑许冯曹邵戴汪范施屠',
  2: '梁谢宋唐韩邓彭曾肖田董袁潘于蔡余杜叶程苏魏吕丁任卢姜崔钟谭方邹',
  1: '石廖贾夏韦付白孟熊秦邱江尹薛闫段雷侯龙史陶黎贺毛郝龚万严覃武莫孔向汤',
};
const surnames: string[] = [];
const surnameWeights: number[] = [];
for (const [w, chars] of Object.entries(SURNAMES_BY_WEIGHT)) {
  for (const c of chars) {
    surnames.push(c);
    surnameWeights.push(Number(w));
  }
}
const surnameTotal = surnameWeights.reduce((a, b) => a + b, 0);

// Single given names, and the first and second characters of two-character given names.
const MALE = [...'伟强军杰斌峰涛勇俊磊超波辉刚林鹏亮宇浩飞东海晨文忠良新荣兴锋庆宏毅明华平健炜骏凯琦翔彬昊敏'];
const FEMALE = [...'芳娟敏静丽艳燕红霞萍玲婷颖琳慧洁倩雪琴英莉蓉晶梅云瑾瑜佳怡菁青虹岚华'];
const MALE_FIRST = [...'建国志晓文伟海永立振宏明俊家金学新春卫德一子嘉思天卓浩泽'];
const FEMALE_FIRST = [...'晓丽雪美秀春玉海佳慧雅静淑婉红丹文思一欣梦月'];
const FEMALE_SECOND = [...FEMALE, ...'芬平英萍'];

function surname(rng: Rng): string {
  let r = rng() * surnameTotal;
  for (let i = 0; i < surnames.length; i++) {
    r -= surnameWeights[i]!;
    if (r < 0) return surnames[i]!;
  }
  return surnames[0]!;
}

/** A 2- or 3-character name; about a third are two characters, as in the population born 1958–1992. */
export function personName(rng: Rng, gender: 'male' | 'female'): string {
  const [single, first, second] = gender === 'male' ? [MALE, MALE_FIRST, MALE] : [FEMALE, FEMALE_FIRST, FEMALE_SECOND];
  if (chance(rng, 1 / 3)) return surname(rng) + pick(rng, single);
  const a = pick(rng, first);
  let b = pick(rng, second);
  while (b === a) b = pick(rng, second);
  return surname(rng) + a + b;
}

// Mobile prefixes in use by the three carriers (and 19x). Numbers are random, so some are someone's
// real number: demo data must never be used to send messages.
const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '147', '150', '151', '152', '153',
  '155', '156', '157', '158', '159', '166', '173', '175', '176', '177', '178', '180', '181', '182', '183',
  '184', '185', '186', '187', '188', '189', '191', '193', '195', '198', '199',
];
export const mobilePattern = new RegExp(`^(${MOBILE_PREFIXES.join('|')})\\d{8}$`);

/** Hands out mobile numbers that are unique among everything it has seen. */
export class PhoneBook {
  private readonly taken: Set<string>;
  constructor(taken: Iterable<string> = []) {
    this.taken = new Set(taken);
  }
  next(rng: Rng): string {
    for (;;) {
      const phone = pick(rng, MOBILE_PREFIXES) + String(Math.floor(rng() * 1e8)).padStart(8, '0');
      if (!this.taken.has(phone)) {
        this.taken.add(phone);
        return phone;
      }
    }
  }
}
