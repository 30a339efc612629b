/** Hands the browser a JSON file to save, as a download link clicked once; the link's URL is freed soon after. */
export function offerDownload(file: { name: string; text: string }): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: 'application/json' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: file.name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
