/**
 * The tag that puts a resource into a tag-selected AWS Backup data tier (`BackupTier=<tier>`):
 * components that create data AWS Backup cannot name by ARN in advance (volumes created by the EBS
 * CSI driver, buckets holding customer data) tag it, and components/backup selects by it.
 */
export const BACKUP_TIER_TAG = "BackupTier";
