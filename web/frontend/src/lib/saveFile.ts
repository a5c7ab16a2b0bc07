/** Hands a file over to the browser's downloads, through a link that lives only for the click. */
export function saveFile(file: Blob, name: string): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // some browsers read the file after the click returns: let go of it a moment later
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
