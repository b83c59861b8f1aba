/**
 * A user at the browser for the end-to-end test: every click, keystroke, paste and drag goes
 * through here and is counted, so the test can report how much work the path takes.
 */
import type { Locator, Page } from 'playwright-core';

export interface Effort {
  clicks: number;
  keystrokes: number;
  pastes: number;
  drags: number;
}

export function createActor(page: Page) {
  const effort: Effort = { clicks: 0, keystrokes: 0, pastes: 0, drags: 0 };
  return {
    effort,
    page,
    async click(locator: Locator) {
      effort.clicks++;
      await locator.click();
    },
    /** Types text key by key (each character is a keystroke). */
    async type(locator: Locator, text: string) {
      effort.clicks++;
      await locator.click();
      effort.keystrokes += text.length;
      await locator.pressSequentially(text);
    },
    /** Empties a field: click into it, Ctrl+A, Backspace. */
    async clear(locator: Locator) {
      effort.clicks++;
      await locator.click();
      effort.keystrokes += 2;
      await locator.press('Control+a');
      await locator.press('Backspace');
    },
    /** Pastes a value copied from elsewhere (an API key): one click into the field, one Ctrl+V. */
    async paste(locator: Locator, text: string) {
      effort.clicks++;
      effort.pastes++;
      await locator.fill(text);
    },
    async drag(source: Locator, target: Locator) {
      effort.drags++;
      // HTML5 drag and drop as the browser fires it (dragstart on the field, dragover and drop
      // on the input, one DataTransfer), dispatched directly: pointer-driven drags in headless
      // chromium start or not depending on timing, which a test on 2 busy cores cannot afford.
      await source.scrollIntoViewIfNeeded();
      const dataTransfer = await page.evaluateHandle(() => new DataTransfer());
      await source.dispatchEvent('dragstart', { dataTransfer });
      await target.scrollIntoViewIfNeeded();
      await target.dispatchEvent('dragenter', { dataTransfer });
      await target.dispatchEvent('dragover', { dataTransfer });
      await target.dispatchEvent('drop', { dataTransfer });
      await source.dispatchEvent('dragend', { dataTransfer });
    },
  };
}
