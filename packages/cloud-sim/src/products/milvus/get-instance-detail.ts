import type { ActionHandler } from '../types';
import { envelope, findMilvus, renderMilvus } from './model';

/** GetInstanceDetail — POST /webapi/cluster/detail?InstanceId=… → envelope + `Data` object. */
export const getInstanceDetail: ActionHandler = ({ account, params, requestId, clock }) => {
  const m = findMilvus(account, params.required('InstanceId'));
  return envelope(requestId, {
    Data: {
      ...renderMilvus(m, clock.now()),
      VSwitches: [{ VswId: m.VswId, ZoneId: m.ZoneId }],
      AclId: '',
      EnableHa: false,
      MultiZoneMode: 'Single',
      HighAvailability: {
        Mode: 'Single',
        PrimaryZoneId: m.ZoneId,
        SecondaryZoneId: '',
        CurrentActiveAZ: m.ZoneId,
      },
      UserConfig: '',
      BucketName: '',
      BucketPath: '',
      // A string in the API's model (Go SDK: `Encrypted *string`), not a boolean.
      Encrypted: 'false',
      KmsKeyId: '',
    },
  });
};
