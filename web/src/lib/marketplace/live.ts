import { invalidate } from '$app/navigation'
import { realtime } from '$lib/realtime.svelte.ts'

/**
 * Follows topics and reloads what the page shows (its `depends` key) when one of the named events
 * arrives and `when` accepts its data, and after every reconnection (events are hints; nothing is
 * replayed while away). Returns the cleanup, for `$effect`.
 */
export function reloadOn(
  topics: string[],
  events: string[],
  key: string,
  when: (data: Record<string, unknown>) => boolean = () => true,
) {
  const connection = realtime()
  const offs = topics.map((topic) =>
    connection.subscribe(topic, (event) => {
      if (!events.includes(event.event)) return
      const data = (event.data ?? {}) as Record<string, unknown>
      if (when(data)) void invalidate(key)
    }),
  )
  const offResync = connection.onResync(() => void invalidate(key))
  return () => {
    for (const off of offs) off()
    offResync()
  }
}
