// A text report with pipe rows as an HTML page, as a government site would publish it:
// each run of rows one <table> (cells as <td>, with entities and markup around the text),
// every other line a <p>. For the tests of HTML documents in the editor.

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function reportHtml(text: string): string {
  const out: string[] = ['<!DOCTYPE html>', '<html><head><meta charset="utf-8"><title>年报</title></head>', '<body>'];
  let inTable = false;
  for (const line of text.split('\n')) {
    const row = line.includes(' | ');
    if (row && !inTable) out.push('<table border="1">');
    if (!row && inTable) out.push('</table>');
    inTable = row;
    if (row) {
      const cells = line.replace(/\|+\s*$/, '').split('|').map((c) => c.trim());
      out.push(`  <tr>${cells.map((c) => `<td><span>${esc(c)}</span></td>`).join('')}</tr>`);
    } else if (line.trim()) out.push(`<p>${esc(line.trim())}</p>`);
  }
  if (inTable) out.push('</table>');
  out.push('</body></html>', '');
  return out.join('\n');
}
