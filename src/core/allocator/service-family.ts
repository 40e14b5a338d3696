// Which address families a service needs (ipv4, ipv6 or dual) and its primary family, as MetalLB derives them.
import { readIp, type IpFamily } from '../address/index.ts';
import type { IpFamilyPolicy, Service } from '../model/types.ts';
import { fail, familyName, ok, type Outcome } from './outcome.ts';
import { invalidRequest } from './reasons/invalid-request.ts';
import { notEnoughClusterIps } from './reasons/not-enough-cluster-ips.ts';

export type ServiceFamily = IpFamily | 'dual';

export interface FamilyNeed {
  family: ServiceFamily;
  /** spec.ipFamilyPolicy, defaulted the way the API server does. */
  policy: IpFamilyPolicy;
  /** Tried first by PreferDualStack when only one family is available: IPv4 unless ipFamilies[0] is IPv6. */
  primary: IpFamily;
  /** True when the service has no clusterIPs yet (a manifest not applied) and the family is predicted. */
  predicted: boolean;
}

export interface FamilyOptions {
  /**
   * The cluster's service IP families, primary first, used only to predict what the API server will give a
   * service that has no clusterIPs yet. Default: dual-stack, IPv4 primary.
   */
  clusterIpFamilies?: readonly IpFamily[];
}

export const DEFAULT_CLUSTER_IP_FAMILIES: readonly IpFamily[] = ['ipv4', 'ipv6'];

/**
 * MetalLB takes the family from spec.clusterIPs (ipfamily.ForService): one address gives its family, two of
 * different families give dual. RequireDualStack with fewer than two clusterIPs is refused
 * (`not-enough-cluster-ips`). A service read from a manifest that was never applied has no clusterIPs: its
 * family is predicted from ipFamilies and ipFamilyPolicy the way the API server would assign them.
 */
export function serviceFamily(svc: Service, options: FamilyOptions = {}): Outcome<FamilyNeed> {
  const clusterFamilies = options.clusterIpFamilies?.length ? options.clusterIpFamilies : DEFAULT_CLUSTER_IP_FAMILIES;
  const twoAsked = svc.clusterIPs.length >= 2 || svc.ipFamilies.length >= 2;
  // The API server defaults the policy to RequireDualStack when two families or two clusterIPs are given.
  const policy: IpFamilyPolicy = svc.ipFamilyPolicy ?? (twoAsked ? 'RequireDualStack' : 'SingleStack');
  const primary: IpFamily = svc.ipFamilies[0] === 'ipv6' ? 'ipv6' : 'ipv4';

  if (svc.clusterIPs.length > 0) {
    const families: IpFamily[] = [];
    for (const text of svc.clusterIPs) {
      const ip = readIp(text);
      if (ip.ok) families.push(ip.family);
      else {
        return fail(invalidRequest, `clusterIP "${text}" is not an IP address, so MetalLB cannot tell the service's address family`);
      }
    }
    if (policy === 'RequireDualStack' && families.length < 2) {
      return fail(notEnoughClusterIps,
        `ipFamilyPolicy RequireDualStack needs two clusterIPs but the service has only ${svc.clusterIPs.join(', ')}; MetalLB refuses it (is the cluster dual-stack?)`,
      );
    }
    if (families.length > 2) return fail(invalidRequest, `the service has ${families.length} clusterIPs; MetalLB accepts one or two`);
    if (families.length === 2) {
      if (families[0] === families[1]) {
        return fail(invalidRequest, `clusterIPs ${svc.clusterIPs.join(', ')} are both ${familyName(families[0]!)}; MetalLB needs one of each family for dual stack`);
      }
      return ok({ family: 'dual', policy, primary, predicted: false });
    }
    return ok({ family: families[0]!, policy, primary: families[0]!, predicted: false });
  }

  // Not applied yet: predict the clusterIPs the API server would allocate.
  const first: IpFamily = svc.ipFamilies[0] ?? clusterFamilies[0]!;
  const clusterIsDual = clusterFamilies.length >= 2;
  if (policy === 'SingleStack') return ok({ family: first, policy, primary: first, predicted: true });
  if (policy === 'RequireDualStack' && !clusterIsDual) {
    return fail(notEnoughClusterIps,
      `ipFamilyPolicy RequireDualStack needs two clusterIPs but the cluster's service network is ${familyName(clusterFamilies[0]!)} only`,
    );
  }
  if (!clusterIsDual) return ok({ family: first, policy, primary: first, predicted: true });
  return ok({ family: 'dual', policy, primary: first, predicted: true });
}

/** The family of a list of one or two addresses (dual when one of each), or null when it is not a valid set. */
export function familyOfAddresses(families: readonly IpFamily[]): ServiceFamily | null {
  if (families.length === 1) return families[0]!;
  if (families.length === 2 && families[0] !== families[1]) return 'dual';
  return null;
}

export function serviceFamilyName(f: ServiceFamily): string {
  return f === 'dual' ? 'dual-stack' : familyName(f);
}
