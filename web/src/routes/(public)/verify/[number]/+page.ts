import { api } from '$lib/api/client.ts'

// Anyone holding the certificate's QR link may check it; no sign-in. The code in the link keeps
// numbers from being tried one after another.
export async function load({ params, url, fetch }) {
  const c = url.searchParams.get('c') ?? ''
  if (!c) return { certificate: null, status: 404 }
  const result = await api.GET('/api/public/certificates/{number}', {
    fetch,
    params: { path: { number: params.number }, query: { c } },
  })
  return { certificate: result.data ?? null, status: result.response.status }
}
