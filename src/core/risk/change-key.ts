// Which resource of one scan is which of another (compare.ts, the text report, the job summary).

import type { ResourceReport } from '../types.js';

/**
 * A resource's identity across two scans: a Dockerfile by its path; an object by kind, namespace
 * and name, and for a rendered copy also the chart or root that rendered it: overlays that render
 * one base to the same name are separate resources (prod's copy can worsen while staging's does not).
 */
export function changeKey(r: { kind: string; name: string; namespace: string | null; path: string }, root: string | null | undefined): string {
  return r.kind === 'Dockerfile' ? `Dockerfile\0${r.path}` : `${r.kind}\0${r.namespace ?? ''}\0${r.name}\0${root ?? ''}`;
}

export const resourceKey = (r: ResourceReport): string => changeKey(r, r.rendered?.root);

/** The key of a change, equal to resourceKey of the resource it describes. */
export const changeKeyOf = (c: { kind: string; name: string; namespace: string | null; path: string; root?: string }): string => changeKey(c, c.root);
