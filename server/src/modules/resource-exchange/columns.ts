import { NEED_CATEGORY_LABELS, RECIPIENT_CATEGORY_LABELS, RESOURCE_TYPE_LABELS } from '@liandong/search'

// The columns of the CSV and XLSX templates and exports, in order. Headers are Chinese (the
// template is handed to Chinese-speaking staff); on import the English header or the field key is
// accepted too. Coded values are written as their Chinese labels and read as label or key.

export type ColumnKind = 'text' | 'integer' | 'yuan' | 'list' | 'code' | 'codes' | 'lines'

export interface Column {
  /** A ResourceInput field, `id`, `status`, or `locations.<field>` for the location columns. */
  key: string
  header: string
  headerEn: string
  kind: ColumnKind
  required?: boolean
  /** key → Chinese label, for coded columns. */
  codes?: Record<string, string>
  /** What to write in the column (the template's instructions sheet). */
  note: string
}

export const SOURCE_LABELS: Record<string, string> = {
  family: '家庭',
  neighbourhood: '邻里',
  community: '社区',
  society: '社会',
}
export const VISIBILITY_LABELS: Record<string, string> = { public: '公开', org: '仅本机构' }
export const STATUS_LABELS: Record<string, string> = {
  draft: '草稿',
  active: '已发布',
  paused: '已暂停',
  expired: '已过期',
}

export const COLUMNS: readonly Column[] = [
  {
    key: 'id',
    header: '编号',
    headerEn: 'ID',
    kind: 'text',
    note: '留空则新建；填写本机构已有资源的编号则整行覆盖更新',
  },
  { key: 'name', header: '名称', headerEn: 'Name', kind: 'text', required: true, note: '2–120 字' },
  { key: 'alternateName', header: '别名', headerEn: 'Alternate name', kind: 'text', note: '' },
  { key: 'description', header: '简介', headerEn: 'Description', kind: 'text', note: '' },
  { key: 'keywords', header: '关键词', headerEn: 'Keywords', kind: 'list', note: '多个用“；”分隔' },
  { key: 'url', header: '网址', headerEn: 'Website', kind: 'text', note: 'http(s)://…' },
  {
    key: 'resourceType',
    header: '资源类型',
    headerEn: 'Resource type',
    kind: 'code',
    required: true,
    codes: RESOURCE_TYPE_LABELS,
    note: '',
  },
  {
    key: 'source',
    header: '资源来源',
    headerEn: 'Source',
    kind: 'code',
    codes: SOURCE_LABELS,
    note: '默认 社会',
  },
  {
    key: 'visibility',
    header: '可见范围',
    headerEn: 'Visibility',
    kind: 'code',
    codes: VISIBILITY_LABELS,
    note: '默认 公开',
  },
  {
    key: 'status',
    header: '状态',
    headerEn: 'Status',
    kind: 'code',
    codes: STATUS_LABELS,
    note: '新建默认 草稿',
  },
  {
    key: 'needCategories',
    header: '需求类别',
    headerEn: 'Need categories',
    kind: 'codes',
    required: true,
    codes: NEED_CATEGORY_LABELS,
    note: '至少一项，多个用“；”分隔',
  },
  {
    key: 'recipientCategories',
    header: '服务对象类别',
    headerEn: 'Recipient categories',
    kind: 'codes',
    codes: RECIPIENT_CATEGORY_LABELS,
    note: '留空表示不限',
  },
  { key: 'ageMin', header: '最小年龄', headerEn: 'Minimum age', kind: 'integer', note: '' },
  { key: 'ageMax', header: '最大年龄', headerEn: 'Maximum age', kind: 'integer', note: '' },
  {
    key: 'districtCodes',
    header: '服务区域代码',
    headerEn: 'Service area codes',
    kind: 'list',
    note: '六位行政区划代码（GB/T 2260），多个用“；”分隔',
  },
  {
    key: 'requiredDocuments',
    header: '所需材料',
    headerEn: 'Required documents',
    kind: 'list',
    note: '多个用“；”分隔',
  },
  { key: 'eligibilityNote', header: '资格说明', headerEn: 'Eligibility note', kind: 'text', note: '' },
  { key: 'capacityTotal', header: '总容量', headerEn: 'Capacity', kind: 'integer', note: '整数，默认 0' },
  {
    key: 'capacityAvailable',
    header: '可用容量',
    headerEn: 'Available',
    kind: 'integer',
    note: '不超过总容量，默认等于总容量',
  },
  { key: 'capacityUnit', header: '容量单位', headerEn: 'Unit', kind: 'text', note: '如 人、份、次，默认 人' },
  {
    key: 'scheduleRrule',
    header: '服务时间规则',
    headerEn: 'Schedule (RRULE)',
    kind: 'text',
    note: 'iCalendar RRULE，如 FREQ=WEEKLY;BYDAY=MO,WE',
  },
  { key: 'scheduleNote', header: '服务时间说明', headerEn: 'Schedule note', kind: 'text', note: '' },
  {
    key: 'costFen',
    header: '费用（元）',
    headerEn: 'Cost (yuan)',
    kind: 'yuan',
    note: '留空表示免费；最多两位小数',
  },
  { key: 'costNote', header: '费用说明', headerEn: 'Cost note', kind: 'text', note: '' },
  { key: 'languages', header: '服务语言', headerEn: 'Languages', kind: 'list', note: '语言代码，如 zh；en' },
  { key: 'contactName', header: '联系人', headerEn: 'Contact name', kind: 'text', note: '' },
  { key: 'contactPhone', header: '联系电话', headerEn: 'Contact phone', kind: 'text', note: '' },
  { key: 'contactEmail', header: '联系邮箱', headerEn: 'Contact e-mail', kind: 'text', note: '' },
  {
    key: 'locations.name',
    header: '地点名称',
    headerEn: 'Location names',
    kind: 'lines',
    note: '每个地点占单元格中的一行，各地点列按行对应',
  },
  {
    key: 'locations.address',
    header: '地点地址',
    headerEn: 'Location addresses',
    kind: 'lines',
    note: '有地点时必填',
  },
  {
    key: 'locations.districtCode',
    header: '地点区划代码',
    headerEn: 'Location district codes',
    kind: 'lines',
    note: '六位区县代码，有地点时必填',
  },
  { key: 'locations.latitude', header: '地点纬度', headerEn: 'Location latitudes', kind: 'lines', note: '' },
  {
    key: 'locations.longitude',
    header: '地点经度',
    headerEn: 'Location longitudes',
    kind: 'lines',
    note: '',
  },
]

const normalise = (header: string) => header.replace(/[*＊\s]/g, '').toLowerCase()

/** Header → column: the Chinese header, the English one or the key, ignoring spaces, case and "*". */
export const columnByHeader = new Map<string, Column>(
  COLUMNS.flatMap((c) => [normalise(c.header), normalise(c.headerEn), normalise(c.key)].map((h) => [h, c])),
)
export const findColumn = (header: string) => columnByHeader.get(normalise(header))
/** The column that holds a field (`locations.2.address` → 地点地址). */
export const columnOfField = (field: string) =>
  COLUMNS.find(
    (c) =>
      c.key ===
      field
        .replace(/^locations\.\d+\./, 'locations.')
        .split('.')
        .slice(0, 2)
        .join('.'),
  ) ?? COLUMNS.find((c) => c.key === field.split('.')[0])
