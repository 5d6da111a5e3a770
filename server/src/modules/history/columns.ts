// The columns of the proposal template: Chinese header, English name, what the column allows (the
// second sheet of the template explains each) and an example value.
export interface ColumnDef {
  header: string;
  en: string;
  help: string;
  example: string;
}

export const PROPOSAL_COLUMNS = [
  { header: '届次', en: 'term', help: '届次数字，如 9 表示第九届', example: '9' },
  { header: '会议次数', en: 'session', help: '次会议数字，如 2 表示第二次会议', example: '2' },
  { header: '提案号', en: 'number', help: '本次会议内的提案号（正整数）；不立案、并案、转社情民意的可留空', example: '12' },
  { header: '标题', en: 'title', help: '提案标题，不超过 100 字', example: '关于完善托育服务体系的建议' },
  { header: '内容', en: 'text', help: '提案正文（案由与建议），可留空', example: '现有托育机构数量不足……' },
  { header: '提案类型', en: 'kind', help: '个人、联名或集体', example: '个人' },
  { header: '提案人', en: 'proposers', help: '个人：一位本组织委员姓名；联名：第一提案人在前，用“、”分隔；集体：党派团体名称', example: '王小伟' },
  { header: '分类', en: 'category', help: '本组织的提案分类名称，可留空', example: '社会建设' },
  { header: '最终状态', en: 'final state', help: '已答复、已办结、不立案、并案、转社情民意', example: '已答复' },
  { header: '主办单位', en: 'lead units', help: '承办单位名称，多个用“、”分隔', example: '市教育局' },
  { header: '协办单位', en: 'assisting units', help: '承办单位名称，多个用“、”分隔，可留空', example: '' },
  { header: '分办单位', en: 'separate units', help: '承办单位名称，多个用“、”分隔，可留空', example: '' },
  { header: '答复类别', en: 'reply class', help: 'A、B 或 C；已答复、已办结时必填', example: 'A' },
  { header: '提交日期', en: 'filed on', help: '日期，如 2023-01-10', example: '2023-01-10' },
  { header: '立案日期', en: 'accepted on', help: '日期；立案的提案必填', example: '2023-01-20' },
  { header: '交办日期', en: 'assigned on', help: '日期；立案的提案必填', example: '2023-02-01' },
  { header: '答复日期', en: 'replied on', help: '日期；已答复、已办结时必填', example: '2023-05-10' },
  { header: '测评日期', en: 'evaluated on', help: '日期，可留空；填写即视为已办结', example: '' },
] as const satisfies readonly ColumnDef[];

export type ProposalColumn = (typeof PROPOSAL_COLUMNS)[number]['header'];

export const MEETING_COLUMNS = [
  { header: '标题', en: 'title', help: '协商活动名称，不超过 200 字；同一天同名的活动只能导入一次', example: '推进城乡教育优质均衡发展专题协商会' },
  { header: '会议类型', en: 'type', help: '全体会议、常委会议、专题协商会、主席会议专题协商、对口协商、界别协商、提案办理协商、立法前协商、请你来协商', example: '专题协商会' },
  { header: '日期', en: 'date', help: '举行日期，如 2023-06-15', example: '2023-06-15' },
  { header: '开始时间', en: 'starts at', help: '北京时间，如 09:00（请以文本填写）；可留空', example: '09:00' },
  { header: '结束时间', en: 'ends at', help: '北京时间，如 11:30，晚于开始时间；可留空', example: '11:30' },
  { header: '地点', en: 'place', help: '举行地点，不超过 200 字', example: '市政协三楼会议室' },
  { header: '网络议政', en: 'online', help: '是或否，可留空（否）', example: '否' },
  { header: '组织专委会', en: 'committee', help: '本组织的专委会名称，可留空', example: '教科卫体委员会' },
  { header: '应到人数', en: 'invited', help: '应到委员人数，可留空（即所列委员人数）', example: '30' },
  { header: '实到人数', en: 'attended', help: '实到委员人数，不超过应到人数，可留空（即出席委员人数）', example: '27' },
  { header: '出席委员', en: 'attendees', help: '本组织委员姓名，用“、”分隔，人数不超过实到人数；可留空', example: '周静、陆明' },
  { header: '请假委员', en: 'on leave', help: '本组织委员姓名，用“、”分隔，可留空', example: '' },
  { header: '缺席委员', en: 'absent', help: '本组织委员姓名，用“、”分隔，可留空', example: '' },
] as const satisfies readonly ColumnDef[];

export type MeetingColumn = (typeof MEETING_COLUMNS)[number]['header'];

export const SUGGESTION_COLUMNS = [
  { header: '协商活动', en: 'meeting', help: '本组织已有协商活动的名称（可先用“历史协商活动”导入）', example: '推进城乡教育优质均衡发展专题协商会' },
  { header: '活动日期', en: 'meeting date', help: '该协商活动的举行日期，如 2023-06-15', example: '2023-06-15' },
  { header: '标题', en: 'title', help: '意见建议标题，不超过 200 字；同一协商活动中不能重名', example: '关于加强乡村教师队伍建设的建议' },
  { header: '内容', en: 'text', help: '意见建议正文，不超过 5000 字', example: '建议完善乡村教师补贴制度……' },
  { header: '提出人', en: 'author', help: '提出的委员或其他人员姓名，可留空', example: '周静' },
  { header: '状态', en: 'state', help: '待交办、已交办、已答复、已采纳或未采纳', example: '已采纳' },
  { header: '承办单位', en: 'units', help: '本组织的承办单位名称，多个用“、”分隔；待交办的留空，其他必填', example: '市教育局' },
  { header: '交办日期', en: 'assigned on', help: '日期，不早于活动日期，可留空（即活动日期）', example: '2023-06-20' },
  { header: '答复内容', en: 'answer', help: '承办单位的答复（多个单位共同答复）；已答复、已采纳、未采纳时必填', example: '已纳入 2024 年乡村教师支持计划' },
  { header: '答复日期', en: 'answered on', help: '日期，不早于交办日期；已答复、已采纳、未采纳时必填', example: '2023-08-01' },
  { header: '采纳说明', en: 'adoption note', help: '已采纳、未采纳时可填，不超过 1000 字', example: '列入市政府年度重点工作' },
] as const satisfies readonly ColumnDef[];

export type SuggestionColumn = (typeof SUGGESTION_COLUMNS)[number]['header'];

// Past public-opinion reports (社情民意信息), one report a row, with what became of it: the issue it
// was compiled into (rows with the same year and number are one issue), where it was sent, the
// levels that adopted it, a leader's instruction and the final feedback.
export const OPINION_COLUMNS = [
  { header: '标题', en: 'title', help: '信息标题，不超过 100 字', example: '关于加强农村养老服务的建议' },
  { header: '内容', en: 'text', help: '信息正文，不超过 2000 字，可留空', example: '农村留守老人增多，助餐、助医服务覆盖面窄……' },
  { header: '报送人类型', en: 'reporter kind', help: '委员或联系点', example: '委员' },
  { header: '报送人', en: 'reporters', help: '委员：本组织委员姓名，联名的第一报送人在前，用“、”分隔；联系点：本组织社情民意联系点的名称', example: '王小伟' },
  { header: '分类', en: 'category', help: '民生保障、经济发展、生态环境、教育、医疗卫生、养老服务、交通出行、基层治理或其他；留空为“其他”', example: '养老服务' },
  { header: '报送日期', en: 'received on', help: '委员或联系点报送（本组织收到）的日期，如 2023-03-02', example: '2023-03-02' },
  { header: '最终状态', en: 'final state', help: '未采用、已编报（采用并编入《社情民意》）、已转送（已报送党委、政府、部门或上级政协）、已被采用（被上级或党委政府采用）', example: '已被采用' },
  { header: '未采用原因', en: 'reason not used', help: '未采用时可填，报送人可见', example: '' },
  { header: '编报年度', en: 'issue year', help: '编入的《社情民意》期号所属年份，如“2023 年第 5 期”填 2023；同一年度同一期号的各行编入同一期', example: '2023' },
  { header: '期号', en: 'issue number', help: '期号（正整数），如“2023 年第 5 期”填 5；不能与系统中已有的期号重复', example: '5' },
  { header: '编报日期', en: 'compiled on', help: '该期印发日期，应在编报年度内，不早于报送日期；同一期各行相同', example: '2023-03-15' },
  { header: '转送对象', en: 'forwarded to', help: '市委、市政府、省政协、全国政协，或部门名称（如 市民政局），多个用“、”分隔；已转送、已被采用时必填', example: '省政协、市民政局' },
  { header: '转送日期', en: 'forwarded on', help: '日期，不早于编报日期；已转送、已被采用时必填', example: '2023-03-20' },
  { header: '全国政协采用日期', en: 'adopted nationally on', help: '被全国政协采用的日期，未采用留空', example: '' },
  { header: '省政协采用日期', en: 'adopted by the province on', help: '被省政协采用的日期，未采用留空', example: '2023-04-10' },
  { header: '市委市政府采用日期', en: 'adopted by the city on', help: '被市委、市政府采用的日期，未采用留空', example: '' },
  { header: '批示领导', en: 'instructing leader', help: '作出批示的领导（姓名和职务），不超过 50 字；无批示留空', example: '市长 李明' },
  { header: '批示层级', en: 'instruction level', help: '全国、省级或市级；有批示时必填', example: '市级' },
  { header: '批示日期', en: 'instructed on', help: '日期，不早于转送日期；有批示时必填', example: '2023-04-02' },
  { header: '批示内容', en: 'instruction', help: '批示原文，不超过 2000 字；有批示时必填', example: '请市民政局研究落实。' },
  { header: '反馈单位', en: 'feedback from', help: '办理反馈的单位，不超过 100 字；无反馈留空', example: '市民政局' },
  { header: '反馈日期', en: 'feedback on', help: '日期，不早于转送日期；有反馈时必填', example: '2023-06-01' },
  { header: '反馈内容', en: 'feedback', help: '反馈内容，不超过 4000 字，报送人可见；有反馈时必填', example: '已在全市推广老年食堂建设……' },
] as const satisfies readonly ColumnDef[];

export type OpinionColumn = (typeof OPINION_COLUMNS)[number]['header'];
