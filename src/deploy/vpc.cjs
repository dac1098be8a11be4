// provider.vpc: attach the functions to the private network of the oVirt engine when subnets
// and security groups are configured (engines usually are not reachable from the internet);
// otherwise no VPC.
'use strict';
const { deploySettings } = require('./settings.cjs');

module.exports = async ({ resolveConfigurationProperty }) => {
  const { subnetIds, securityGroupIds } = await deploySettings(resolveConfigurationProperty);
  if (subnetIds.length === 0 && securityGroupIds.length === 0) return null;
  if (subnetIds.length === 0 || securityGroupIds.length === 0) {
    throw new Error('Set both vpcSubnetIds and vpcSecurityGroupIds (comma-separated) to run in a VPC, or neither.');
  }
  return { subnetIds, securityGroupIds };
};
