// What a city CPPCC in Zhejiang and its county CPPCCs are made of: sectors (界别), special
// committees, party groups, handling units, and the workplaces typical of each sector.
// Workplace templates: "workplace|title/title"; a leading "市:" or "县:" keeps a template to the
// city or to the counties. Placeholders are filled in workplaces.ts.

export type Politics = 'ccp' | 'mass' | 'mixed' | 'religion' | 'invited' | 'nonparty' | { party: string };

export interface SectorSpec {
  name: string;
  weight: number; // share of a city CPPCC's members
  county: boolean; // also a sector of the county CPPCCs
  politics: Politics;
  jobs: readonly string[];
  committees: readonly string[]; // keywords of the committees the sector's members usually join
  female?: number; // share of women, 0.33 when not given
  minority?: boolean;
}

const JOBS = {
  official: [
    '{townParty}|书记', '{townParty}|副书记', '{unit}|{unitHead}', '{unit}|{unitHead}', '中共{area}委统战部|副部长',
    '中共{area}委宣传部|副部长', '{area}人民政府办公室|副主任', '市:嘉兴经济技术开发区管委会|副主任',
  ],
  health: [
    '市:嘉兴市第一医院|副院长/主任医师/科主任', '市:嘉兴市第二医院|副院长/主任医师/科主任',
    '市:嘉兴市中医医院|副院长/主任中医师', '市:嘉兴市妇幼保健院|院长/主任医师', '市:嘉兴市疾病预防控制中心|副主任/主任医师',
    '县:{area}人民医院|院长/副院长/主任医师', '县:{area}中医医院|副院长/主任中医师', '县:{area}妇幼保健院|院长',
    '{town}社区卫生服务中心|主任', '{company:医药}|总经理',
  ],
  education: [
    '市:嘉兴大学|教授/副教授/院长', '市:嘉兴南湖学院|教授/副院长', '市:嘉兴职业技术学院|副院长/教授',
    '市:嘉兴市第一中学|校长/高级教师', '市:嘉兴高级中学|副校长/高级教师', '县:{area}高级中学|校长/副校长/高级教师',
    '{area}实验小学|校长', '{zhenFull}中心小学|校长', '{zhenFull}中心幼儿园|园长', '{area}教育研究院|副院长/教研员',
  ],
  economy: [
    '{company}|董事长', '{company}|总经理', '{company}|董事长兼总经理', '{company}|副总经理', '{bank}|行长/副行长',
    '{company:会计师事务所}|主任会计师',
  ],
  culture: [
    '{area}文学艺术界联合会|副主席', '{area}文化馆|馆长/副馆长', '{area}图书馆|馆长', '市:嘉兴博物馆|副馆长/研究馆员',
    '市:嘉兴画院|专职画家', '{company:文化传媒}|总经理', '{area}非物质文化遗产保护中心|主任',
  ],
  science: [
    '市:浙江清华长三角研究院|研究员/副院长', '市:嘉兴大学|教授', '{company:科技}|总工程师/技术总监',
    '{area}科技创业服务中心|主任', '{company:智能装备}|研发中心主任',
  ],
  socialScience: [
    '市:中共嘉兴市委党校|教授/副校长', '县:中共{area}委党校|副校长', '市:嘉兴大学|教授/副教授',
    '{area}社会科学界联合会|副主席', '浙江{brand}律师事务所|主任/合伙人',
  ],
  law: ['浙江{brand}律师事务所|主任/合伙人/律师', '{area}公证处|主任'],
  agriculture: [
    '{zhen}{name}家庭农场|场主', '{company:农业开发}|总经理', '市:嘉兴市农业科学研究院|研究员/副院长',
    '{area}农业技术推广中心|高级农艺师', '{village}党总支|书记', '{village}股份经济合作社|社长',
  ],
  media: [
    '市:嘉兴日报社|副总编辑/主任记者', '市:嘉兴广播电视集团|副总编辑/主任记者', '县:{area}融媒体中心|主任/副主任/主任记者',
    '{area}新华书店|经理',
  ],
  sport: ['市:嘉兴市体育运动学校|校长/高级教练', '{area}体育中心|主任', '{company:体育发展}|总经理'],
  foreign: ['{area}人民政府外事办公室|副主任', '{company:进出口}|总经理', '{area}对外友好协会|副会长'],
  welfare: [
    '{area}慈善总会|副会长/秘书长', '{area}残疾人联合会|理事长/副理事长', '{town}养老服务中心|主任', '{area}红十字会|副会长',
    '{company:养老服务}|总经理',
  ],
  religion: [
    '{area}佛教协会|会长/副会长', '{area}基督教两会|主席', '{area}天主教爱国会|主任', '市:嘉兴市伊斯兰教协会|会长',
    '市:嘉兴市道教协会|会长',
  ],
  invited: ['{area}人大常委会|原副主任', '{area}人民政府|原副{head}长', '{area}政协|原副主席', '{area}人民法院|原副院长'],
} as const;

const own = (org: string, title: string) => [`{area}${org}|${title}`];

export const SECTORS: readonly SectorSpec[] = [
  { name: '中国共产党', weight: 28, county: true, politics: 'ccp', jobs: JOBS.official, committees: ['提案', '经济', '社会'] },
  party('中国国民党革命委员会', 12, '民革', [...JOBS.law, ...JOBS.socialScience, ...JOBS.economy], ['社会', '民族宗教']),
  party('中国民主同盟', 14, '民盟', [...JOBS.education, ...JOBS.culture, ...JOBS.science], ['教科卫体', '文化文史']),
  party('中国民主建国会', 14, '民建', [...JOBS.economy, ...JOBS.economy], ['经济']),
  party('中国民主促进会', 14, '民进', [...JOBS.education, ...JOBS.culture, ...JOBS.media], ['教科卫体', '文化文史']),
  party('中国农工民主党', 12, '农工党', [...JOBS.health, ...JOBS.health, ...JOBS.welfare], ['教科卫体', '人口资源环境']),
  party('中国致公党', 8, '致公党', [...JOBS.economy, ...JOBS.foreign], ['民族宗教', '经济']),
  party('九三学社', 12, '九三学社', [...JOBS.science, ...JOBS.health, ...JOBS.education], ['教科卫体', '人口资源环境']),
  { name: '无党派人士', weight: 12, county: true, politics: 'nonparty', jobs: [...JOBS.education, ...JOBS.health, ...JOBS.science], committees: ['教科卫体', '委员联络'] },
  { name: '共青团', weight: 6, county: true, politics: 'mass', jobs: ['共青团{area}委|书记/副书记', '{town}团委|书记'], committees: ['社会', '委员联络'] },
  { name: '总工会', weight: 8, county: true, politics: 'mass', jobs: [...own('总工会', '副主席'), '{company}|工会主席'], committees: ['社会', '经济'] },
  { name: '妇联', weight: 8, county: true, politics: 'mass', female: 0.9, jobs: [...own('妇女联合会', '副主席'), '{town}妇联|主席', '{company}|董事长'], committees: ['社会', '委员联络'] },
  { name: '青联', weight: 8, county: false, politics: 'mixed', jobs: [...own('青年联合会', '副主席'), '{company}|总经理', ...JOBS.culture], committees: ['经济', '文化文史'] },
  { name: '工商联', weight: 20, county: true, politics: 'mixed', jobs: [...own('工商业联合会', '副主席'), ...JOBS.economy, '{company}|董事长'], committees: ['经济', '提案'] },
  { name: '科协', weight: 8, county: true, politics: 'mass', jobs: [...own('科学技术协会', '副主席'), ...JOBS.science], committees: ['教科卫体', '人口资源环境'] },
  { name: '台联', weight: 4, county: false, politics: 'mixed', jobs: [...own('台湾同胞联谊会', '会长/副会长'), '{area}台商协会|会长', '{company:精密机械}|总经理'], committees: ['民族宗教'] },
  { name: '侨联', weight: 6, county: true, politics: 'mixed', jobs: [...own('归国华侨联合会', '副主席'), '{company}|董事长', '{company:进出口}|总经理'], committees: ['民族宗教'] },
  { name: '文化艺术界', weight: 12, county: true, politics: 'mixed', jobs: JOBS.culture, committees: ['文化文史'] },
  { name: '科学技术界', weight: 12, county: true, politics: 'mixed', jobs: JOBS.science, committees: ['教科卫体', '人口资源环境'] },
  { name: '社会科学界', weight: 10, county: false, politics: 'mixed', jobs: JOBS.socialScience, committees: ['文化文史', '社会'] },
  { name: '经济界', weight: 40, county: true, politics: 'mixed', jobs: JOBS.economy, committees: ['经济', '提案'] },
  { name: '农业界', weight: 14, county: true, politics: 'mixed', jobs: JOBS.agriculture, committees: ['农业'] },
  { name: '教育界', weight: 16, county: true, politics: 'mixed', jobs: JOBS.education, committees: ['教科卫体'] },
  { name: '体育界', weight: 5, county: false, politics: 'mixed', jobs: JOBS.sport, committees: ['教科卫体'] },
  { name: '新闻出版界', weight: 6, county: true, politics: 'mixed', jobs: JOBS.media, committees: ['文化文史'] },
  { name: '医药卫生界', weight: 16, county: true, politics: 'mixed', jobs: JOBS.health, committees: ['教科卫体'] },
  { name: '对外友好界', weight: 5, county: false, politics: 'mixed', jobs: JOBS.foreign, committees: ['民族宗教', '经济'] },
  { name: '社会福利和社会保障界', weight: 8, county: true, politics: 'mixed', jobs: JOBS.welfare, committees: ['社会'] },
  { name: '少数民族界', weight: 4, county: false, politics: 'mixed', minority: true, jobs: [...JOBS.economy, ...JOBS.education, ...JOBS.health], committees: ['民族宗教'] },
  // CPPCC members who are Communist Party members cannot be religious, so 宗教界 has none.
  { name: '宗教界', weight: 5, county: true, politics: 'religion', jobs: JOBS.religion, committees: ['民族宗教'] },
  { name: '特别邀请人士', weight: 30, county: true, politics: 'invited', jobs: [...JOBS.invited, ...JOBS.official], committees: ['提案', '委员联络', '社会'] },
];

function party(name: string, weight: number, short: string, jobs: string[], committees: string[]): SectorSpec {
  return { name, weight, county: true, politics: { party: short }, jobs, committees };
}

/** The seven democratic parties: sector name, short name, what a member is called, how often a county has it. */
export const DEMOCRATIC_PARTIES = [
  { sector: '中国国民党革命委员会', short: '民革', member: '民革党员', inCounty: 0.8 },
  { sector: '中国民主同盟', short: '民盟', member: '民盟盟员', inCounty: 0.95 },
  { sector: '中国民主建国会', short: '民建', member: '民建会员', inCounty: 0.95 },
  { sector: '中国民主促进会', short: '民进', member: '民进会员', inCounty: 0.95 },
  { sector: '中国农工民主党', short: '农工党', member: '农工党党员', inCounty: 0.7 },
  { sector: '中国致公党', short: '致公党', member: '致公党党员', inCounty: 0.3 },
  { sector: '九三学社', short: '九三学社', member: '九三学社社员', inCounty: 0.6 },
] as const;

export const CITY_COMMITTEES = [
  '提案委员会', '经济委员会', '农业和农村委员会', '人口资源环境委员会', '教科卫体委员会', '社会和法制委员会',
  '民族宗教和港澳台侨委员会', '文化文史和学习委员会', '委员联络委员会',
];
// County CPPCCs have fewer, merged committees.
export const COUNTY_COMMITTEES = [
  '提案和委员联络委员会', '经济和农业农村委员会', '教科卫体委员会', '社会法制和民族宗教委员会', '文化文史和学习委员会',
];

export const CITY_UNITS = [
  '市委组织部', '市委宣传部', '市发展和改革委员会', '市经济和信息化局', '市教育局', '市科学技术局', '市公安局', '市民政局',
  '市司法局', '市财政局', '市人力资源和社会保障局', '市自然资源和规划局', '市生态环境局', '市住房和城乡建设局',
  '市交通运输局', '市水利局', '市农业农村局', '市商务局', '市文化广电旅游局', '市卫生健康委员会', '市退役军人事务局',
  '市应急管理局', '市审计局', '市市场监督管理局', '市体育局', '市统计局', '市医疗保障局', '市综合行政执法局',
  '市数据资源管理局', '市机关事务管理局', '市信访局', '市供销社', '市残疾人联合会', '国家税务总局嘉兴市税务局',
  '国网嘉兴供电公司', '市消防救援支队',
];
// County units with the county's name in front; in Zhejiang the districts' public security and
// several county bureaus are branches of the city bureau, so those are named after the city.
export const COUNTY_UNITS = [
  '{area}发展和改革局', '{area}经济和信息化局', '{area}教育局', '{police}', '{area}民政局', '{area}财政局',
  '{area}人力资源和社会保障局', '嘉兴市生态环境局{short}分局', '{area}住房和城乡建设局', '{area}交通运输局',
  '{area}农业农村局', '{area}卫生健康局', '{area}市场监督管理局', '{area}综合行政执法局', '嘉兴市医疗保障局{short}分局',
];

/** Illustrative current term numbers of the county CPPCCs (all renewed at the turn of 2021/2022). */
export const COUNTY_TERMS: Record<string, number> = {
  南湖区: 5, 秀洲区: 6, 嘉善县: 14, 海盐县: 14, 海宁市: 14, 平湖市: 14, 桐乡市: 14,
};

export const LOUNGE_THEMES = [
  '同心', '红船', '共富', '运河', '工匠', '智汇', '乡贤', '巾帼', '青春', '科创', '法润', '健康', '侨心', '书香', '金融',
];

export const EXIT_REASONS = ['工作调动', '个人原因辞去委员职务', '任期内职务变动'];
// Repeated by rough frequency in Zhejiang, where the She (畲族) are the largest minority.
export const MINORITIES = ['畲族', '畲族', '畲族', '土家族', '土家族', '苗族', '苗族', '回族', '回族', '满族', '壮族', '蒙古族', '布依族'];
