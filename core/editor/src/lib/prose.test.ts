import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import ProseText from '../components/ProseText.vue';
import { proseParts } from './prose.ts';

describe('manifest descriptions', () => {
  it('split into text and code at backtick pairs, leaving an unpaired backtick alone', () => {
    expect(proseParts('`data.object` is the charge, with `failure_code`.')).toEqual([
      { text: 'data.object', code: true },
      { text: ' is the charge, with ', code: false },
      { text: 'failure_code', code: true },
      { text: '.', code: false },
    ]);
    expect(proseParts('a ` b')).toEqual([{ text: 'a ` b', code: false }]);
  });

  it('render code spans as <code> and never as HTML', () => {
    const wrapper = mount(
      { components: { ProseText }, template: '<p><ProseText :text="t" /></p>' },
      {
        props: {},
        data: () => ({ t: 'Reads `data.object` <b>as is</b>' }),
      },
    );
    expect(wrapper.find('code').text()).toBe('data.object');
    expect(wrapper.text()).toBe('Reads data.object <b>as is</b>');
    expect(wrapper.find('b').exists()).toBe(false);
  });
});
