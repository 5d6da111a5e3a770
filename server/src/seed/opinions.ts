// Demo public opinion of the demo city, this year so far: reports from members, contact points and
// residents who scanned a place's code; screened (most accepted, some duplicates, some not used
// with the reason the source sees); compiled into numbered bulletin issues; forwarded to the city's
// party committee and government and some to the province and the nation; adopted at each level,
// with leaders' instructions and departments' final answers; the points each step earned; and the
// timeline entries the commands would have written. Search, grouping and the points for
// submission come from the intake, which takes the queued reports when the server starts.
import type { Transaction } from 'kysely';
import type { AdoptionLevel, Database, ForwardRecipient, OpinionSource, OpinionState } from '../platform/db/types.js';
import { chinaDate, chinaYear, yearRange } from '../platform/time.js';
import { enqueue } from '../modules/opinions/intake.js';
import { credits } from '../modules/opinions/issues.js';
import { randomCode, TRACKING_LENGTH } from '../modules/opinions/public.js';
import { award, levelEvent } from '../modules/opinions/scoring.js';
import { chance, int, mulberry32, pick } from './random.js';
import type { AuditAction, AuditEntityType } from '../platform/audit.js';

const DAY = 86_400_000;

// category, title, text: concerns such a city hears every year, each raised by several people.
const concerns: [string, string, string][] = [
  ['elderly', '关于扩大社区老年食堂覆盖面的建议', '目前不少社区老年食堂只在工作日供应午餐，偏远小区老人就餐不便。建议按“15分钟助餐服务圈”布点，引入社会餐饮企业合作，对高龄、独居老人给予就餐补贴。'],
  ['elderly', '关于加快老旧小区加装电梯的建议', '老旧小区加装电梯意愿强烈但协调难、资金难。建议简化审批流程，推行“一站式”办理，财政按台给予补助，并允许提取住房公积金。'],
  ['transport', '关于优化城乡公交线路衔接的建议', '部分乡镇公交班次少、末班车早，与城区线路换乘不便。建议优化线路和班次，推行城乡公交一体化，方便群众出行。'],
  ['transport', '关于解决学校周边上下学交通拥堵的建议', '中小学上下学时段校门口车辆乱停、道路拥堵，存在安全隐患。建议设置临时停车泊位和接送区，错峰放学，安排志愿者疏导交通。'],
  ['transport', '关于增设公交站台遮雨棚的建议', '部分公交站台没有遮雨棚和座椅，雨天老人和学生候车不便。建议对客流较大的站台进行改造，增设遮雨棚、座椅和实时到站信息屏。'],
  ['environment', '关于加强农村生活污水治理设施运维的建议', '部分农村污水处理设施建成后运维不到位，出现管网堵塞、设备停运。建议建立专业化运维队伍，明确镇村责任，纳入考核。'],
  ['environment', '关于推进垃圾分类长效管理的建议', '一些小区垃圾分类投放点设置不合理，定时定点执行不到位。建议优化投放点布局，加强督导员配置，完善积分激励机制。'],
  ['environment', '关于整治河道水环境的建议', '部分河道存在漂浮物、岸坡杂物堆放等问题，夏季有异味。建议加密保洁频次，落实河长巡河制度，鼓励群众参与监督。'],
  ['education', '关于缓解城区义务教育学位紧张的建议', '城区部分学校学位紧张，班额偏大。建议加快新建学校建设进度，推进集团化办学，合理调整学区划分。'],
  ['education', '关于加强中小学生心理健康教育的建议', '中小学生心理问题呈增多趋势，学校专职心理教师配备不足。建议按师生比配齐专职心理教师，建立家校医协同机制。'],
  ['health', '关于推进基层医疗机构检查结果互认的建议', '群众在不同医院就诊时重复检查，增加负担。建议推进医疗机构间检查检验结果互认，建设区域影像和检验共享平台。'],
  ['health', '关于改善社区卫生服务中心就诊环境的建议', '部分社区卫生服务中心就诊高峰时段排队时间长，药品种类不全。建议优化预约挂号，增加常用药品配备，推广家庭医生签约服务。'],
  ['livelihood', '关于规范小区物业服务收费的建议', '部分小区物业服务质价不符，收费标准不透明，业主投诉较多。建议建立物业服务质量评价和公示制度，加强行业监管。'],
  ['livelihood', '关于增加社区托育服务供给的建议', '0-3岁婴幼儿托育服务供给不足、收费偏高。建议利用社区闲置用房建设普惠托育点，对普惠托育机构给予运营补贴。'],
  ['livelihood', '关于加强电动自行车充电设施建设的建议', '小区电动自行车充电桩不足，飞线充电、楼道充电现象时有发生，存在火灾隐患。建议加快集中充电设施建设，加强消防安全检查。'],
  ['economy', '关于优化小微企业融资服务的建议', '小微企业融资难、融资贵问题依然存在。建议扩大政府性融资担保覆盖面，推广“信易贷”，降低担保费率。'],
  ['economy', '关于支持夜间经济发展的建议', '城区夜间消费场景较少，业态单一。建议规划建设特色夜市街区，完善夜间公共交通和停车配套，丰富文旅消费。'],
  ['governance', '关于发挥网格员在基层治理中作用的建议', '网格员工作事项多、待遇低，流动性大。建议厘清网格事项清单，减轻事务性负担，提高待遇保障，稳定队伍。'],
  ['governance', '关于规范村级事务公开的建议', '部分村务公开内容不全、更新不及时，群众知情不够。建议统一公开清单和时限，推行线上线下同步公开。'],
  ['other', '关于加强文物古建筑保护利用的建议', '一些散落在乡村的文物古建筑年久失修，保护力量不足。建议开展全面普查，落实保护责任，探索活化利用。'],
];

const notUsedReasons = ['所反映问题已在办理中，相关部门已作答复', '内容较为笼统，缺少具体情况，建议补充后再次反映', '属个人诉求，已转交有关部门依法处理'];
const departments = ['市民政局', '市交通运输局', '市生态环境局', '市教育局', '市卫生健康委', '市住房和城乡建设局', '市发展和改革委员会', '市农业农村局'];
const adoptedBy: Record<AdoptionLevel, string> = { national: '全国政协办公厅', province: '浙江省政协办公厅', city: '中共嘉兴市委办公室' };
const instructedBy: Record<AdoptionLevel, string> = { national: '全国政协领导', province: '省政协主席', city: '市委书记' };

export async function seedOpinions(trx: Transaction<Database>, city: number): Promise<void> {
  const users = await trx.selectFrom('users').select(['id', 'username', 'display_name', 'member_id']).where('organization_id', '=', city).execute();
  const staff = users.find((u) => u.username === 'staff');
  const self = users.find((u) => u.username === 'member');
  const members = await trx.selectFrom('members').select(['id']).where('organization_id', '=', city).where('status', '=', 'active').orderBy('id').limit(300).execute();
  const places = await trx.selectFrom('places').select(['id', 'kind', 'name']).where('organization_id', '=', city).where('active', '=', 1).orderBy('id').execute();
  const points = places.filter((p) => p.kind === 'contact_point');
  const scanned = places.filter((p) => p.kind !== 'contact_point');
  if (!staff || members.length < 10 || points.length === 0 || scanned.length === 0) return;
  const rng = mulberry32(20_240_301);
  const log = (entityType: AuditEntityType, entityId: number, action: AuditAction, at: string, after: Record<string, unknown>, before: Record<string, unknown> | null = null) =>
    trx.insertInto('audit_log').values({ at, actor_id: staff.id, actor_name: staff.display_name, action, entity_type: entityType, entity_id: String(entityId), organization_id: city, before: before && JSON.stringify(before), after: JSON.stringify(after), ip: null }).execute();

  const now = Date.now();
  const year = chinaYear(new Date(now));
  const yearStart = Date.parse(yearRange(year).from);
  const span = now - yearStart - 2 * DAY;
  if (span < 14 * DAY) return; // the first days of a year have nothing to show yet
  const dateOf = (ms: number) => chinaDate(new Date(ms));

  // ---- reports, oldest first -------------------------------------------------------------------
  type Report = { id: number; submitted: number; state: OpinionState; place_id: number | null };
  const count = Math.round((span / DAY) * 1.1); // about 400 in a full year
  const times = Array.from({ length: count }, () => yearStart + Math.floor(rng() * span)).sort((a, b) => a - b);
  const reports: Report[] = [];
  for (const submitted of times) {
    const [category, title, text] = pick(rng, concerns);
    const source: OpinionSource = pick(rng, ['member', 'member', 'member', 'contact_point', 'resident'] as const);
    const lead = source === 'member' ? (self?.member_id && chance(rng, 0.08) ? self.member_id : pick(rng, members).id) : null;
    const place = source === 'contact_point' ? pick(rng, points) : source === 'resident' ? pick(rng, scanned) : null;
    const at = new Date(submitted).toISOString();
    const row = await trx
      .insertInto('opinions')
      .values({
        organization_id: city, year, source_kind: source, member_id: lead, place_id: place?.id ?? null, user_id: lead !== null && lead === self?.member_id ? self.id : null,
        title: source === 'resident' ? text.slice(0, 30) : title, text, category, state: 'new', tracking_code: source === 'resident' ? randomCode(TRACKING_LENGTH) : null,
        resident_name_enc: null, resident_phone_enc: null, device_hash: null, duplicate_of: null, screening_reason: null, screened_at: null, screened_by: null, similar_group: null,
        submitted_at: at, updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const reporters = lead !== null ? [lead, ...(chance(rng, 0.2) ? [pick(rng, members).id] : [])] : source === 'contact_point' && chance(rng, 0.3) ? [pick(rng, members).id] : [];
    for (const [i, m] of [...new Set(reporters)].entries()) await trx.insertInto('opinion_reporters').values({ opinion_id: row.id, member_id: m, lead: i === 0 && lead !== null ? 1 : 0 }).execute();
    await log('opinion', row.id, 'submit', at, { state: 'new', source, title });
    await enqueue(trx, row.id);
    reports.push({ id: row.id, submitted, state: 'new', place_id: place?.id ?? null });
  }

  const opinion = (r: Report) => ({ id: r.id, organization_id: city, year, place_id: r.place_id });
  const move = async (r: Report, action: AuditAction, state: OpinionState, at: number, detail: Record<string, unknown> = {}, set: Record<string, unknown> = {}) => {
    const iso = new Date(at).toISOString();
    await trx.updateTable('opinions').set({ ...set, state, updated_at: iso }).where('id', '=', r.id).execute();
    await log('opinion', r.id, action, iso, { state, ...detail }, { state: r.state });
    r.state = state;
  };

  // ---- screening: what came in more than ten days ago -----------------------------------------
  for (const [i, r] of reports.entries()) {
    const at = r.submitted + int(rng, 1, 4) * DAY;
    if (at > now - 10 * DAY) continue;
    const screened = { screened_at: new Date(at).toISOString(), screened_by: staff.id };
    const earlier = reports[i - int(rng, 1, 5)];
    if (earlier && earlier.state !== 'duplicate' && chance(rng, 0.06)) {
      await move(r, 'mark_duplicate', 'duplicate', at, { duplicateOf: earlier.id }, { ...screened, duplicate_of: earlier.id });
    } else if (chance(rng, 0.08)) {
      const reason = pick(rng, notUsedReasons);
      await move(r, 'not_use', 'not_used', at, { reason }, { ...screened, screening_reason: reason });
    } else {
      await move(r, 'accept', 'accepted', at, {}, screened);
      await award(trx, opinion(r), 'accepted');
    }
  }

  // ---- bulletin issues every two weeks, forwarded the next day ----------------------------------
  let number = 0;
  for (let issueDay = yearStart + 14 * DAY; issueDay < now - 7 * DAY; issueDay += 14 * DAY) {
    const items = reports.filter((r) => r.state === 'accepted' && r.submitted < issueDay - 5 * DAY).slice(0, 12);
    if (items.length === 0) continue;
    number++;
    const publishedOn = dateOf(issueDay);
    const createdAt = new Date(issueDay).toISOString();
    const issue = await trx.insertInto('opinion_issues').values({ organization_id: city, year, number, published_on: publishedOn, created_by: staff.id, created_at: createdAt }).returning('id').executeTakeFirstOrThrow();
    for (const [position, r] of items.entries()) {
      const o = await trx.selectFrom('opinions').select(['title', 'text', 'place_id']).where('id', '=', r.id).executeTakeFirstOrThrow();
      const credited = await credits(trx, r.id, places.find((p) => p.id === o.place_id)?.name ?? null);
      await trx.insertInto('opinion_issue_items').values({ issue_id: issue.id, opinion_id: r.id, position: position + 1, title: o.title, text: o.text, credits: credited }).execute();
      await move(r, 'compile', 'compiled', issueDay, { issueId: issue.id, year, number });
      await award(trx, opinion(r), 'compiled');
    }
    await log('opinion_issue', issue.id, 'compile', createdAt, { year, number, opinionIds: items.map((r) => r.id) });

    const sentAt = issueDay + DAY;
    const recipients: ForwardRecipient[] = ['city_party_committee', 'city_government', ...(number % 3 === 0 ? (['province_cppcc'] as const) : [])];
    for (const r of items) {
      for (const recipient of [...recipients, ...(chance(rng, 0.1) ? (['national_cppcc'] as const) : [])]) {
        await move(r, 'forward', 'forwarded', sentAt, { recipient, recipientName: null, sentOn: dateOf(sentAt), issueId: issue.id });
        await trx.insertInto('opinion_forwardings').values({ opinion_id: r.id, issue_id: issue.id, recipient, recipient_name: null, sent_on: dateOf(sentAt), created_by: staff.id, created_at: new Date(sentAt).toISOString() }).execute();
      }
      // What came back, three to six weeks later.
      const back = sentAt + int(rng, 21, 42) * DAY;
      if (back > now) continue;
      const level: AdoptionLevel | null = chance(rng, 0.03) ? 'national' : chance(rng, 0.09) ? 'province' : chance(rng, 0.08) ? 'city' : null;
      if (!level) continue;
      await move(r, 'adopt', 'adopted', back, { level, adoptedBy: adoptedBy[level], adoptedOn: dateOf(back) });
      await trx.insertInto('opinion_adoptions').values({ opinion_id: r.id, level, adopted_by: adoptedBy[level], adopted_on: dateOf(back), created_at: new Date(back).toISOString() }).execute();
      await award(trx, opinion(r), levelEvent('adopted', level));
      if (chance(rng, 0.35)) {
        await move(r, 'instruct', 'adopted', back + DAY, { leader: instructedBy[level], level, instructedOn: dateOf(back + DAY) });
        await trx.insertInto('opinion_instructions').values({ opinion_id: r.id, leader: instructedBy[level], level, instructed_on: dateOf(back + DAY), text: '请有关部门认真研究，提出具体措施。', created_at: new Date(back + DAY).toISOString() }).execute();
        await award(trx, opinion(r), levelEvent('instruction', level));
      }
      const answeredAt = back + int(rng, 7, 20) * DAY;
      if (answeredAt > now) continue;
      const fromName = pick(rng, departments);
      await move(r, 'feedback', 'adopted', answeredAt, { fromName, final: true });
      await trx.insertInto('opinion_feedback').values({ opinion_id: r.id, from_name: fromName, text: `${fromName}已研究采纳相关建议，列入年度重点工作推进，并将适时向社会公布进展。`, received_on: dateOf(answeredAt), final: 1, created_at: new Date(answeredAt).toISOString() }).execute();
    }
  }
}
