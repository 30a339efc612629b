import { describe, expect, it } from 'vitest';
import type { CliValue } from '../../../../src/terminal/aws/output/cli-value';
import { formatJson } from '../../../../src/terminal/aws/output/json-format';
import { formatTable } from '../../../../src/terminal/aws/output/table-format';
import { formatText } from '../../../../src/terminal/aws/output/text-format';
import { formatYaml } from '../../../../src/terminal/aws/output/yaml-format';

/** `aws ec2 describe-vpcs` against the sandbox, as the real AWS CLI v2 answered (keys in its model's order). */
const vpcs = JSON.parse(
  '{\n    "Vpcs": [\n        {\n            "CidrBlock": "172.31.0.0/16",\n            "DhcpOptionsId": "dopt-0sandbox0000000",\n            "State": "available",\n            "VpcId": "vpc-03407371ccb37fa3a",\n            "OwnerId": "123456789012",\n            "InstanceTenancy": "default",\n            "Ipv6CidrBlockAssociationSet": [],\n            "CidrBlockAssociationSet": [\n                {\n                    "AssociationId": "vpc-cidr-assoc-03407371ccb37fa3a",\n                    "CidrBlock": "172.31.0.0/16",\n                    "CidrBlockState": {\n                        "State": "associated"\n                    }\n                }\n            ],\n            "IsDefault": true,\n            "Tags": []\n        }\n    ]\n}\n',
) as CliValue;

describe('the CLI output formats, for describe-vpcs as the real CLI printed it', () => {
  it('prints json with four-space indentation and the answer’s key order', () => {
    expect(formatJson(vpcs)).toBe(
      '{\n    "Vpcs": [\n        {\n            "CidrBlock": "172.31.0.0/16",\n            "DhcpOptionsId": "dopt-0sandbox0000000",\n            "State": "available",\n            "VpcId": "vpc-03407371ccb37fa3a",\n            "OwnerId": "123456789012",\n            "InstanceTenancy": "default",\n            "Ipv6CidrBlockAssociationSet": [],\n            "CidrBlockAssociationSet": [\n                {\n                    "AssociationId": "vpc-cidr-assoc-03407371ccb37fa3a",\n                    "CidrBlock": "172.31.0.0/16",\n                    "CidrBlockState": {\n                        "State": "associated"\n                    }\n                }\n            ],\n            "IsDefault": true,\n            "Tags": []\n        }\n    ]\n}\n',
    );
  });

  it('prints text as tab-separated rows, scalars sorted, nested lists under their capitalised key', () => {
    expect(formatText(vpcs)).toBe(
      'VPCS\t172.31.0.0/16\tdopt-0sandbox0000000\tdefault\tTrue\t123456789012\tavailable\tvpc-03407371ccb37fa3a\nCIDRBLOCKASSOCIATIONSET\tvpc-cidr-assoc-03407371ccb37fa3a\t172.31.0.0/16\nCIDRBLOCKSTATE\tassociated\n',
    );
  });

  it('prints a table titled with the operation, one box per nested level', () => {
    expect(formatTable('DescribeVpcs', vpcs)).toBe(
      '-----------------------------------------------------------\n|                      DescribeVpcs                       |\n+---------------------------------------------------------+\n||                         Vpcs                          ||\n|+-----------------------+-------------------------------+|\n||  CidrBlock            |  172.31.0.0/16                ||\n||  DhcpOptionsId        |  dopt-0sandbox0000000         ||\n||  InstanceTenancy      |  default                      ||\n||  IsDefault            |  True                         ||\n||  OwnerId              |  123456789012                 ||\n||  State                |  available                    ||\n||  VpcId                |  vpc-03407371ccb37fa3a        ||\n|+-----------------------+-------------------------------+|\n|||               CidrBlockAssociationSet               |||\n||+----------------+------------------------------------+||\n|||  AssociationId |  vpc-cidr-assoc-03407371ccb37fa3a  |||\n|||  CidrBlock     |  172.31.0.0/16                     |||\n||+----------------+------------------------------------+||\n||||                  CidrBlockState                   ||||\n|||+-------------------+-------------------------------+|||\n||||  State            |  associated                   ||||\n|||+-------------------+-------------------------------+|||\n',
    );
  });

  it('prints yaml with sorted keys, unindented lists, and numeric-looking strings quoted', () => {
    expect(formatYaml(vpcs)).toBe(
      "Vpcs:\n- CidrBlock: 172.31.0.0/16\n  CidrBlockAssociationSet:\n  - AssociationId: vpc-cidr-assoc-03407371ccb37fa3a\n    CidrBlock: 172.31.0.0/16\n    CidrBlockState:\n      State: associated\n  DhcpOptionsId: dopt-0sandbox0000000\n  InstanceTenancy: default\n  Ipv6CidrBlockAssociationSet: []\n  IsDefault: true\n  OwnerId: '123456789012'\n  State: available\n  Tags: []\n  VpcId: vpc-03407371ccb37fa3a\n",
    );
  });
});
