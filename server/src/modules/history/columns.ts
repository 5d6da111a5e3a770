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
