/** Hands the browser a file to save, as a download link clicked once; the link's URL is freed soon after. */
export function offerBlob(name: string, content: Blob): void {
  const url = URL.createObjectURL(content);
  Object.assign(document.createElement('a'), { href: url, download: name }).click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Hands the browser a JSON file to save (a progress record, a Verify result), as {@link offerBlob} does. */
export function offerDownload(file: { name: string; text: string }): void {
  offerBlob(file.name, new Blob([file.text], { type: 'application/json' }));
}
