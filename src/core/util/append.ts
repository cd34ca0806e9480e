// Lists kept by key (findings by file, objects by kind, …): the one place that creates a key's
// list on its first value.

/** Appends `value` to the list `map` holds for `key`, starting the list when there is none. */
export function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
