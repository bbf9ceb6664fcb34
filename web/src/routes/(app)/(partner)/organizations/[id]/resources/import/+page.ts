// The import page needs only the organization id; everything else happens on the page.
export function load({ params }) {
  return { orgId: params.id }
}
