import { BundleDownload } from '../../../components/bundle-download';
import { usePageT } from '../../../lib/i18n/use-page-t';
import { fetchExport } from '../api/export-deployment';

/** Downloads the deployment as a bundle (CLI call, Terraform, ROS, access manifests; no secret). */
export function ExportBundle({ instanceId }: { instanceId: string }) {
  const { t, locale } = usePageT();
  return <BundleDownload hint={t('deployment.exportHint')} fetchBundle={() => fetchExport(instanceId, locale)} />;
}
