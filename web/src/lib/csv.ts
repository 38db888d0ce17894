/** RFC 4180 CSV: fields with commas, quotes or newlines quoted, quotes doubled. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return `${rows.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}

/** Hands `content` to the browser as a download named `name`. */
export function download(name: string, content: string, type = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
