import { createHash } from 'node:crypto'

// How Liandong's own codes travel in HSDS: as attributes whose taxonomy terms come from these
// taxonomies. A district code (GB/T 2260) is also the external identifier of a location.

export const TAXONOMY = {
  needCategory: 'liandong/need_category',
  recipientCategory: 'liandong/recipient_category',
  resourceType: 'liandong/resource_type',
  source: 'liandong/resource_source',
  visibility: 'liandong/visibility',
  capacity: 'liandong/capacity',
  keyword: 'liandong/keyword',
  district: 'GB/T 2260',
} as const
export type TaxonomyName = (typeof TAXONOMY)[keyof typeof TAXONOMY]

export const TAXONOMY_DESCRIPTIONS: Record<TaxonomyName, string> = {
  'liandong/need_category': '需求类别 Need categories (Liandong glossary keys)',
  'liandong/recipient_category': '服务对象类别 Recipient categories (Liandong glossary keys)',
  'liandong/resource_type': '资源类型 Resource types (Chengdu DB5101/T 100—2021 §7.1.3.1)',
  'liandong/resource_source': '资源来源 Resource sources',
  'liandong/visibility': '可见范围 Visibility: public, or only within the organization',
  'liandong/capacity': '容量 Capacity: total, available and unit, in the attribute value',
  'liandong/keyword': '关键词 Free keywords of a resource',
  'GB/T 2260': '中华人民共和国行政区划代码 Administrative division codes of the PRC',
}

export const DISTRICT_ID_TYPE = 'GB/T 2260'
export const CREDIT_CODE_SCHEME = 'CN-USCC'
export const CREDIT_CODE_TYPE = '统一社会信用代码'
export const LICENCE_TYPE = '执业许可证'

/** A UUID derived from a name (RFC 4122 version 5 layout over SHA-1), so exports are stable. */
export function stableUuid(...parts: string[]): string {
  const hash = createHash('sha1')
    .update(`liandong:${parts.join(':')}`)
    .digest()
  hash[6] = (hash[6]! & 0x0f) | 0x50
  hash[8] = (hash[8]! & 0x3f) | 0x80
  const hex = hash.subarray(0, 16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** HSDS service status ↔ resource status; a draft travels as inactive. */
export const TO_HSDS_STATUS = {
  draft: 'inactive',
  active: 'active',
  paused: 'temporarily closed',
  expired: 'defunct',
} as const
export const FROM_HSDS_STATUS: Record<string, 'draft' | 'active' | 'paused' | 'expired'> = {
  inactive: 'draft',
  active: 'active',
  'temporarily closed': 'paused',
  defunct: 'expired',
}
