import type { ExportBundle } from '@dify-console/shared/api/export';

/** The bundle as one zip file, `<name>-export.zip`; the zip writer loads only when asked. */
export async function zipBundle(bundle: ExportBundle): Promise<{ fileName: string; blob: Blob }> {
  const { strToU8, zipSync } = await import('fflate');
  const root = `${bundle.name}-export`;
  const zipped = zipSync(
    Object.fromEntries(bundle.files.map((f) => [`${root}/${f.name}`, strToU8(f.content)])),
  );
  return {
    fileName: `${root}.zip`,
    blob: new Blob([zipped as Uint8Array<ArrayBuffer>], { type: 'application/zip' }),
  };
}

export function saveFile(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Fetches a bundle and saves it as one zip. */
export async function downloadBundle(fetchBundle: () => Promise<ExportBundle>): Promise<void> {
  const { fileName, blob } = await zipBundle(await fetchBundle());
  saveFile(fileName, blob);
}
