import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import UpgradeReportView from './UpgradeReportView.vue';
import type { UpgradeReport } from '../api/types.ts';

const report: UpgradeReport = {
  connector: 'notebook',
  from: '1.0.0',
  to: '1.1.0',
  safe: true,
  changes: [
    {
      kind: 'input-required',
      item: 'actions.log-note',
      field: 'note',
      message: 'input "note" is now required',
    },
  ],
  added: [
    { kind: 'trigger-added', item: 'triggers.note-erased', displayName: 'Note erased', message: '' },
    { kind: 'action-added', item: 'actions.erase-note', displayName: 'Erase note', message: '' },
  ],
  breaks: [],
};

const mountReport = (r: UpgradeReport) =>
  mount(UpgradeReportView, {
    props: { report: r },
    global: { stubs: { RouterLink: { props: ['to'], template: '<a :href="to"><slot /></a>' } } },
  });

describe('UpgradeReportView', () => {
  it('lists the triggers and actions the version adds, apart from the changes that can break', () => {
    const view = mountReport(report);
    expect(view.find('.changes').text()).toContain('input "note" is now required');
    const added = view.find('.added');
    expect(added.findAll('li').map((li) => li.text())).toEqual([
      'trigger Note erased note-erased',
      'action Erase note erase-note',
    ]);
    expect(view.text()).toContain('New in 1.1.0:');
  });

  it('shows no "New in" list when nothing is added (or the server does not say)', () => {
    for (const added of [[], undefined]) {
      const view = mountReport({ ...report, added });
      expect(view.find('.added').exists()).toBe(false);
      expect(view.text()).not.toContain('New in');
    }
  });
});
