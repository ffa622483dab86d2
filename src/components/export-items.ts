// The controls' "Share" menu for one <backprop-lab>: each export of its public API as a copy
// or a download, and a PNG of each view it shows.
import type { LabView } from '../protocol/config-schema';
import type { ExportItem } from './bp-export-menu';
import { VIEW_NAMES, type ViewName } from './lab-figures';

/** What the menu needs of the element: its public share and export methods. */
export interface Exportable {
  shareState(options?: { params?: boolean; data?: boolean }): string;
  exportCosts(format?: 'csv'): string;
  exportParams(format?: 'json'): string;
  exportConfig(format?: 'json'): string;
  embedCode(): string;
  toDataURL(view: ViewName): Promise<string>;
  readonly urlState: boolean;
  readonly id: string;
}

const VIEW_LABELS: Readonly<Record<ViewName, string>> = {
  'decision-map': 'decision map',
  'hidden-space': 'hidden space',
  'cost-curve': 'cost curve',
  network: 'network diagram',
};

/**
 * A link: with `url-state`, this page's URL with the element's entry in the hash; without it,
 * the state text alone (for `loadState`).
 */
function link(lab: Exportable, state: string): string {
  if (!lab.urlState) return state;
  const key = lab.id || 'lab';
  const others = location.hash
    .slice(1)
    .split('&')
    .filter((part) => part && part.split('=')[0] !== key);
  return `${location.origin}${location.pathname}${location.search}#${[...others, `${key}=${state}`].join('&')}`;
}

export function exportItems(lab: Exportable, views: readonly LabView[]): ExportItem[] {
  const what = lab.urlState ? 'link' : 'state';
  const items: ExportItem[] = [
    { id: 'link', label: `Copy ${what}`, action: 'copy', make: () => link(lab, lab.shareState({ data: true })) },
    {
      id: 'network-link',
      label: `Copy ${what} with this network`,
      action: 'copy',
      make: () => link(lab, lab.shareState({ data: true, params: true })),
    },
    { id: 'embed', label: 'Copy embed code', action: 'copy', make: () => lab.embedCode() },
    {
      id: 'costs',
      label: 'Costs (CSV)',
      action: 'download',
      filename: 'backprop-lab-costs.csv',
      type: 'text/csv',
      make: () => lab.exportCosts('csv'),
    },
    {
      id: 'params',
      label: 'Parameters (JSON)',
      action: 'download',
      filename: 'backprop-lab-params.json',
      type: 'application/json',
      make: () => lab.exportParams('json'),
    },
    {
      id: 'config',
      label: 'Settings (JSON)',
      action: 'download',
      filename: 'backprop-lab-settings.json',
      type: 'application/json',
      make: () => lab.exportConfig('json'),
    },
  ];
  for (const view of VIEW_NAMES) {
    if (!views.includes(view)) continue;
    items.push({
      id: `png-${view}`,
      label: `PNG of the ${VIEW_LABELS[view]}`,
      action: 'download',
      filename: `backprop-lab-${view}.png`,
      make: () => lab.toDataURL(view),
    });
  }
  return items;
}
