// The notebook of JupyterLab 4 and Notebook 7 (the same widgets in both), driven the way a user drives it: menus,
// toolbar buttons, the keyboard. Everything is looked up in the notebook panel in front.
import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';

/** Selectors shared with the classic frontend's checks (see rich-notebook). */
export const LAB_DOM = {
  cell: '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell',
  output: '.jp-OutputArea-child',
  html: '[data-mime-type="text/html"]',
  png: '[data-mime-type="image/png"] img',
  svg: '[data-mime-type="image/svg+xml"] img',
  prompt: '.jp-OutputPrompt',
  stdout: '[data-mime-type="application/vnd.jupyter.stdout"]',
} as const;

export type KernelStatus = 'idle' | 'busy';

const exactly = (text: string): RegExp => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

export class LabNotebook {
  readonly panel: Locator;

  constructor(readonly page: Page) {
    this.panel = page.locator('.jp-NotebookPanel:not(.lm-mod-hidden)');
  }

  get cells(): Locator {
    return this.page.locator(LAB_DOM.cell);
  }

  cell(index: number): Locator {
    return this.cells.nth(index);
  }

  /** The stderr output of a cell: where tracebacks go. */
  stderr(index: number): Locator {
    return this.cell(index).locator('.jp-RenderedText[data-mime-type="application/vnd.jupyter.stderr"]');
  }

  /** The text/plain result of a cell (Out[n]). */
  result(index: number): Locator {
    return this.cell(index).locator('.jp-OutputArea-executeResult [data-mime-type="text/plain"]');
  }

  /** Opens a notebook of the file browser (JupyterLab) by double-clicking it, and waits for its kernel. */
  async openFromFileBrowser(name: string): Promise<void> {
    const item = this.page.locator('.jp-DirListing-item', { has: this.page.locator('.jp-DirListing-itemText', { hasText: exactly(name) }) });
    await item.dblclick();
    await this.page.locator('.lm-TabBar-tab.lm-mod-current', { hasText: name }).waitFor();
    await this.waitReady();
  }

  /**
   * Waits until the notebook's tsdl kernel has started and is idle. The indicator says "idle" before there is any
   * kernel, so the kernel's name in the toolbar comes first. The first start, in a cold page, takes its time.
   */
  async waitReady(timeout = 120000): Promise<void> {
    await this.panel.locator('.jp-KernelName', { hasText: 'TypeScript (tsdl)' }).waitFor({ timeout });
    await this.waitKernel('idle', timeout);
  }

  async waitKernel(status: KernelStatus, timeout = 30000): Promise<void> {
    await this.panel.locator(`.jp-Notebook-ExecutionIndicator[data-status="${status}"]`).waitFor({ timeout });
  }

  /** Records, in the page, each kernel status the toolbar indicator shows from now on. Returns a reader. */
  async recordKernelStatuses(): Promise<() => Promise<string[]>> {
    await this.page.evaluate(() => {
      const seen: string[] = [];
      const current = () =>
        document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator')?.getAttribute('data-status') ?? '';
      new MutationObserver(() => {
        const status = current();
        if (seen[seen.length - 1] !== status) seen.push(status);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
      (window as unknown as { tsdlStatuses: string[] }).tsdlStatuses = seen;
    });
    return () => this.page.evaluate(() => (window as unknown as { tsdlStatuses: string[] }).tsdlStatuses);
  }

  /**
   * Records, in the page, what the fit progress output of a cell shows each time it changes: its epoch title, whether
   * it is still the same node, and how many outputs the cell has. Returns a reader of the record.
   */
  async recordProgress(index: number): Promise<() => Promise<ProgressRecord>> {
    await this.page.evaluate(
      ([selector, i]) => {
        const record = { epochs: [] as string[], sameNode: true, maxOutputs: 0 };
        let node: Element | null = null;
        new MutationObserver(() => {
          const cell = document.querySelectorAll(selector)[i];
          const fit = cell?.querySelector('.tsdl-fit');
          if (!cell || !fit) return;
          const output = fit.closest('.jp-OutputArea-output');
          node ??= output;
          record.sameNode &&= output === node;
          record.maxOutputs = Math.max(record.maxOutputs, cell.querySelectorAll('.jp-OutputArea-child').length);
          const epoch = fit.querySelector('b')?.textContent ?? '';
          if (record.epochs[record.epochs.length - 1] !== epoch) record.epochs.push(epoch);
        }).observe(document.body, { subtree: true, childList: true, characterData: true });
        (window as unknown as { tsdlProgress: typeof record }).tsdlProgress = record;
      },
      [LAB_DOM.cell, index] as const,
    );
    return () => this.page.evaluate(() => (window as unknown as { tsdlProgress: ProgressRecord }).tsdlProgress);
  }

  async menu(top: string, item: string): Promise<void> {
    await this.page.locator('.lm-MenuBar-item', { hasText: exactly(top) }).click();
    const label = this.page.locator('.lm-Menu-itemLabel', { hasText: exactly(item) });
    await this.page.locator('.lm-Menu:visible .lm-Menu-item', { has: label }).click();
  }

  toolbarButton(title: string): Locator {
    return this.panel.locator(`.jp-NotebookPanel-toolbar jp-button[title="${title}"]`);
  }

  /** Selects a cell in command mode (a click on its prompt) and runs it with Shift+Enter. */
  async run(index: number): Promise<void> {
    await this.cell(index).locator('.jp-InputPrompt').click();
    await this.page.keyboard.press('Shift+Enter');
  }

  /** Runs a cell and waits for its execution count, so the kernel has answered. */
  async runAndWait(index: number, timeout = 30000): Promise<void> {
    const before = await this.executionCount(index);
    await this.run(index);
    await this.page.waitForFunction(
      ([selector, i, previous]) => {
        const text = document.querySelectorAll(selector)[i]?.querySelector('.jp-InputPrompt')?.textContent ?? '';
        return /^\[\d+\]:$/.test(text.trim()) && text !== previous;
      },
      [LAB_DOM.cell, index, before] as const,
      { timeout },
    );
  }

  async executionCount(index: number): Promise<string> {
    return (await this.cell(index).locator('.jp-InputPrompt').textContent()) ?? '';
  }

  /** Waits until every code cell shows an execution count: Run All has got through the notebook. */
  async waitAllExecuted(timeout = 120000): Promise<void> {
    await this.page.waitForFunction(
      (selector) => {
        const prompts = [...document.querySelectorAll(`${selector} .jp-InputPrompt`)].map((p) => p.textContent?.trim() ?? '');
        return prompts.length > 0 && prompts.every((p) => /^\[\d+\]:$/.test(p));
      },
      LAB_DOM.cell,
      { timeout },
    );
  }

  /** Saves with Ctrl+S, the shortcut of both frontends (the caller reads the file to see that it was saved). */
  async save(): Promise<void> {
    await this.cell(0).locator('.jp-InputPrompt').click();
    await this.page.keyboard.press('Control+s');
  }
}

/** A chart drawn by JupyterLab's own Vega renderer: a canvas or an svg from vega-embed, not an image of a PNG. */
export async function expectVegaChart(cell: Locator): Promise<void> {
  const chart = cell.locator('.jp-RenderedVegaCommon5.jp-RenderedVegaLite');
  expect(await chart.count()).to.equal(1);
  const drawing = chart.locator('.vega-embed canvas.marks, .vega-embed svg.marks');
  await drawing.waitFor();
  const box = await drawing.boundingBox();
  expect(box?.width).to.be.greaterThan(300);
  expect(box?.height).to.be.greaterThan(150);
  expect(await chart.locator('img').count()).to.equal(0);
  expect(await cell.locator(LAB_DOM.png).count()).to.equal(0);
}

export interface ProgressRecord {
  /** The epoch titles shown, in order, each once. */
  epochs: string[];
  /** Whether every update landed in the node of the first one. */
  sameNode: boolean;
  /** The most outputs the cell had at any time. */
  maxOutputs: number;
}
