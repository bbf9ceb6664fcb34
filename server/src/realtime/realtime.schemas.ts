import { ErrorRef } from '../http/schemas.ts'

const description = `Upgrades to a WebSocket (send \`Connection: Upgrade\`, \`Upgrade: websocket\`); authenticated by the session cookie — without a live session the upgrade is refused with 401. A plain GET gets 426. Messages are JSON text frames; the full protocol is in docs/realtime.md.

**Client → server**
- \`{"type":"subscribe","topic":"user:<id>"}\` — topics: \`user:<id>\` (yourself), \`org:<id>\` (your organizations; the platform admin any), \`shift:<id>\`, \`referral:<id>\`, \`need:<id>\` (checked by their modules). Answered by \`subscribed\` or an \`error\` with code \`forbidden\`, \`invalid_topic\` or \`too_many_subscriptions\`.
- \`{"type":"unsubscribe","topic":"…"}\` — answered by \`unsubscribed\`.
- \`{"type":"ping"}\` — answered by \`{"type":"pong"}\`.

**Server → client**
- \`{"type":"hello","connectionId","userId","heartbeatMs","at"}\` — on every (re)connect: resubscribe and refetch what is on screen.
- \`{"type":"event","topic","event","data","id","at"}\` — something changed. \`event: "changed"\` means "refetch" (the payload was too big to send).
- \`{"type":"error","code","topic"?}\`.

**Close codes**: 1001 server restarting (reconnect with backoff), 1008 protocol abuse (reconnect with backoff), 4401 session ended (sign in again; do not reconnect).`

export const wsRouteSchema = {
  summary: 'Real-time events (WebSocket)',
  description,
  tags: ['realtime'],
  response: {
    101: { description: 'Switching Protocols: the connection is now a WebSocket.', type: 'null' },
    401: ErrorRef,
    403: ErrorRef,
    426: ErrorRef,
  },
}
