import { describe, expect, it } from 'vitest'
import { identifyingParts } from './deidentify.ts'

const who = {
  name: '王秀兰',
  phone: '13812345678',
  idNumber: '51010419500101002X',
  address: '锦江区书院街 8 号 2 单元',
}

describe('identifyingParts', () => {
  it('passes a de-identified summary', () => {
    expect(identifyingParts('七十岁独居老人，行动不便，需要每周两次上门助餐。', who)).toEqual([])
  })
  it('finds the name, phone, ID number and address', () => {
    expect(identifyingParts('王秀兰老人需要助餐', who)).toEqual(['name'])
    expect(identifyingParts('联系电话 138 1234 5678', who)).toEqual(['phone'])
    expect(identifyingParts('身份证 51010419500101002x', who)).toEqual(['id_number'])
    expect(identifyingParts('住在锦江区书院街 8 号 2 单元', who)).toEqual(['address'])
  })
  it('finds numbers shaped like phones and IDs of anyone', () => {
    expect(identifyingParts('请联系家属 13900001111', {})).toEqual(['phone'])
    expect(identifyingParts('固话 028-86001234', {})).toEqual(['phone'])
    expect(identifyingParts('620102198001011234', {})).toEqual(['id_number'])
  })
})
