// Approximate centres of the districts the platform serves (GB/T 2260 county-level codes, WGS-84).
// A need carries only its district — never an address — so distance to a resource's location is
// measured from the district's centre: good enough to tell "across the road" from "across the city".

export const DISTRICT_POINTS: Record<string, { lat: number; lng: number }> = {
  // 成都
  '510104': { lat: 30.657, lng: 104.083 },
  '510105': { lat: 30.674, lng: 104.062 },
  '510106': { lat: 30.692, lng: 104.052 },
  '510107': { lat: 30.642, lng: 104.043 },
  '510108': { lat: 30.66, lng: 104.101 },
  '510112': { lat: 30.557, lng: 104.275 },
  '510113': { lat: 30.882, lng: 104.254 },
  '510114': { lat: 30.823, lng: 104.158 },
  '510115': { lat: 30.682, lng: 103.857 },
  '510116': { lat: 30.574, lng: 103.924 },
  '510117': { lat: 30.795, lng: 103.887 },
  '510118': { lat: 30.411, lng: 103.826 },
  // 兰州
  '620102': { lat: 36.057, lng: 103.841 },
  '620103': { lat: 36.066, lng: 103.786 },
  '620104': { lat: 36.088, lng: 103.628 },
  '620105': { lat: 36.104, lng: 103.719 },
  '620111': { lat: 36.342, lng: 103.262 },
  // 白银 天水 张掖 定西 临夏
  '620402': { lat: 36.545, lng: 104.171 },
  '620502': { lat: 34.581, lng: 105.724 },
  '620702': { lat: 38.93, lng: 100.478 },
  '621102': { lat: 35.58, lng: 104.611 },
  '622901': { lat: 35.604, lng: 103.242 },
}

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLng = (b.lng - a.lng) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)))
}
