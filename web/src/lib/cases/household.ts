/** One household member as typed into a HouseholdEditor; the birth year stays text until sent. */
export interface MemberDraft {
  name: string
  relation: string
  birthYear: string
}

/** The members typed into a HouseholdEditor as the API takes them: blank rows dropped. */
export function householdBody(members: MemberDraft[]) {
  return members
    .filter((x) => x.name.trim() || x.relation.trim())
    .map((x) => ({
      name: x.name.trim(),
      relation: x.relation.trim(),
      ...(x.birthYear ? { birthYear: Number(x.birthYear) } : {}),
    }))
}
