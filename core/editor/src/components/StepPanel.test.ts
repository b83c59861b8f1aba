import { beforeEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import StepPanel from './StepPanel.vue';
import { useDraftStore } from '../stores/draft.ts';
import type { Workflow, WorkflowDocument } from '../api/types.ts';

const doc: WorkflowDocument = {
  name: 'w',
  trigger: { connector: 'stripe', trigger: 'charge-failed', connection: 'c' },
  steps: [
    { id: 'declines', type: 'filter', when: { all: [{ left: '{{trigger.data.nmae}}', op: 'exists' }] } },
    { id: 'calc', type: 'code', code: 'return 1' },
  ],
};

beforeEach(() => {
  setActivePinia(createPinia());
});

describe('StepPanel template warnings', () => {
  it("shows the save answer's template warnings on the step they are about, and only there", () => {
    useDraftStore().workflow = {
      id: 'wf_1',
      name: 'w',
      status: 'draft',
      publishedVersion: null,
      latestVersion: 0,
      draft: doc,
      revision: 'r',
      createdAt: '',
      updatedAt: '',
      warnings: [
        {
          path: '/steps/0/when/all/0/left',
          message: 'template "{{trigger.data.nmae}}" reads data.nmae, which stripe.charge-failed events do not have',
          fix: "check the spelling against the trigger's sample",
        },
      ],
    } as Workflow;
    const mountPanel = (nodeId: string) =>
      mount(StepPanel, {
        props: { doc, nodeId, manifests: {}, problems: [] },
        global: { stubs: { RouterLink: true, CodeEditor: true } },
      });
    const filter = mountPanel('declines');
    expect(filter.find('[aria-label="Warnings"]').text()).toBe(
      '⚠ template "{{trigger.data.nmae}}" reads data.nmae, which stripe.charge-failed events do not have — check the spelling against the trigger\'s sample',
    );
    expect(mountPanel('calc').find('[aria-label="Warnings"]').exists()).toBe(false);
  });
});
