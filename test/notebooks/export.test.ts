// Every committed notebook exported by `jupyter nbconvert` (Debian's 6.5 and the JupyterLab venv's 7) to HTML,
// Markdown and a script, as a reader shares one: each export must succeed and carry the notebook's content: its
// code, its printed text, and each output in the form the exporter picks for it (an SVG layer graph, a PNG chart,
// an HTML table).
import { expect } from 'chai';
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { basename, join } from 'path';
import { htmlText } from '../../src/display/render/plain';
import { jupyterEnv } from '../helpers/jupyter-env';
import { jupyterVenvBin } from '../helpers/jupyter-venv';
import { codeCells, type ExecutedNotebook, type Output, readNotebook } from './executed';

const NOTEBOOK_DIR = join(__dirname, '..', '..', 'notebooks');
const NOTEBOOKS = readdirSync(NOTEBOOK_DIR).filter((name) => name.endsWith('.ipynb')).sort();

/** The order in which nbconvert's HTML and Markdown exporters pick one form of an output. */
const PRIORITY = ['text/html', 'text/markdown', 'image/svg+xml', 'text/latex', 'image/png', 'image/jpeg', 'text/plain'];

const joined = (text: string | string[] | undefined): string => (Array.isArray(text) ? text.join('') : text ?? '');
const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();
const lines = (text: string): string[] => text.split('\n').map((line) => line.trim()).filter((line) => line.length > 0);

interface Shown {
  mime: string;
  data: string;
  /** Where ExtractOutputPreprocessor saves it: `{name}_{cell}_{output}`. */
  key: string;
}

/** Each rich output with the form the exporters pick, and every stream's text. */
function shownOutputs(notebook: ExecutedNotebook, name: string): { rich: Shown[]; streams: string[] } {
  const rich: Shown[] = [];
  const streams: string[] = [];
  notebook.cells.forEach((cell, c) =>
    (cell.outputs ?? []).forEach((output: Output, o) => {
      if (output.output_type === 'stream') streams.push(joined(output.text));
      const mime = PRIORITY.find((type) => output.data?.[type] !== undefined);
      if (mime) rich.push({ mime, data: joined(output.data?.[mime] as string | string[]), key: `${name}_${c}_${o}` });
    }),
  );
  return { rich, streams };
}

/**
 * nbconvert 6 puts an SVG inline, through lxml's cleaner, which keeps the root (sized as drawn) and its text but
 * strips the drawing; nbconvert 7 embeds the whole SVG as a data URI.
 */
function svgShown(html: string, svg: string, whole: boolean): boolean {
  if (whole) return html.includes(`src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}"`);
  const size = /^<svg width="([^"]+)" height="([^"]+)"/.exec(svg);
  expect(size, 'an SVG output starts with its root element').to.not.equal(null);
  return html.includes(`<svg width="${size?.[1]}" height="${size?.[2]}"`);
}

const EXPORTERS = [
  { name: "Debian's nbconvert 6", jupyter: () => '/usr/bin/jupyter', wholeSvg: false },
  { name: "the venv's nbconvert 7", jupyter: () => join(jupyterVenvBin(), 'jupyter'), wholeSvg: true },
];

for (const exporter of EXPORTERS) describe(`committed notebooks exported with ${exporter.name}`, function () {
  this.timeout(150000);
  let env: NodeJS.ProcessEnv;

  before(() => {
    env = jupyterEnv();
  });

  function nbconvert(to: string, notebook: string, outDir: string): string {
    const args = ['nbconvert', '--to', to, '--output-dir', outDir, notebook];
    const result = spawnSync(exporter.jupyter(), args, { env, encoding: 'utf8', timeout: 120000 });
    expect(result.status, `nbconvert --to ${to} failed:\n${result.stderr}`).to.equal(0);
    return result.stderr;
  }

  it('include plotModel graphs as SVG, so the SVG exports below are exercised', () => {
    const svgs = NOTEBOOKS.flatMap((file) => shownOutputs(readNotebook(join(NOTEBOOK_DIR, file)), '').rich).filter((s) => s.mime === 'image/svg+xml');
    expect(svgs.length).to.be.at.least(3);
  });

  for (const file of NOTEBOOKS) {
    describe(file, () => {
      const name = basename(file, '.ipynb');
      const path = join(NOTEBOOK_DIR, file);
      const notebook = readNotebook(path);
      const { rich, streams } = shownOutputs(notebook, name);

      it('exports to HTML with its code, printed text, inline SVG graphs and PNG images', () => {
        const out = mkdtempSync(join(tmpdir(), 'tsdl-export-'));
        nbconvert('html', path, out);
        const html = readFileSync(join(out, `${name}.html`), 'utf8');
        const visible = squash(htmlText(html));
        for (const cell of codeCells(notebook)) for (const line of lines(joined(cell.source))) expect(visible).to.include(squash(line));
        for (const text of streams) for (const line of lines(text)) expect(visible).to.include(squash(line));
        for (const shown of rich) {
          if (shown.mime === 'image/png') expect(html).to.include(`src="data:image/png;base64,${shown.data.slice(0, 100)}`);
          else if (shown.mime === 'text/plain') for (const line of lines(shown.data)) expect(visible).to.include(squash(line));
          else if (shown.mime === 'text/html') expect(visible).to.include(squash(htmlText(shown.data)));
          else if (shown.mime === 'image/svg+xml') expect(svgShown(html, shown.data, exporter.wholeSvg), `${shown.key} shown`).to.equal(true);
        }
        const svgs = rich.filter((s) => s.mime === 'image/svg+xml').length;
        expect(html.match(/<svg\b|src="data:image\/svg\+xml/g) ?? [], 'one SVG per SVG output').to.have.length(svgs);
      });

      it('exports to Markdown with its cells verbatim and every image saved beside it', () => {
        const out = mkdtempSync(join(tmpdir(), 'tsdl-export-'));
        nbconvert('markdown', path, out);
        const markdown = readFileSync(join(out, `${name}.md`), 'utf8');
        for (const cell of notebook.cells) expect(markdown).to.include(joined(cell.source));
        for (const text of streams) for (const line of lines(text)) expect(markdown).to.include(line);
        for (const shown of rich) {
          const image = { 'image/png': 'png', 'image/svg+xml': 'svg' }[shown.mime];
          if (image === undefined) {
            expect(markdown).to.include(shown.mime === 'text/plain' ? lines(shown.data)[0] ?? '' : shown.data);
            continue;
          }
          const saved = `${name}_files/${shown.key}.${image}`;
          expect(markdown).to.include(`![${image}](${saved})`);
          const bytes = readFileSync(join(out, saved));
          expect(image === 'png' ? bytes.toString('base64') : bytes.toString('utf8')).to.equal(shown.data);
        }
      });

      it('exports to a TypeScript script with every code cell in order', () => {
        const out = mkdtempSync(join(tmpdir(), 'tsdl-export-'));
        nbconvert('script', path, out);
        const script = join(out, `${name}.ts`);
        expect(existsSync(script), `${name}.ts written`).to.equal(true);
        const text = readFileSync(script, 'utf8');
        let at = 0;
        for (const cell of codeCells(notebook)) {
          const found = text.indexOf(joined(cell.source), at);
          expect(found, `cell in order:\n${joined(cell.source)}`).to.be.at.least(at);
          at = found;
        }
        expect(at).to.be.greaterThan(0);
      });
    });
  }
});
