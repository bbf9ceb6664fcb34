// The code the QR link carries, read once when the page opens.
export function load({ params, url }) {
  return { shiftId: params.id, code: url.searchParams.get('code') }
}
