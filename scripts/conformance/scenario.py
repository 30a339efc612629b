"""The conformance scenario: one course-shaped sequence of AWS calls, made with boto3 and the AWS CLI against one
endpoint. Prints one JSON line per step: what came back (status, error code, and the shape of the answer).

Usage: python3 scenario.py ENDPOINT_URL
"""
import base64
import json
import os
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

import boto3
import requests
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT = sys.argv[1]
KEYS = dict(aws_access_key_id="AKIASANDBOXROOT00001", aws_secret_access_key="sandbox/root/secret/key/for/offline/0001")
REGION = "us-west-2"


def client(service, region=REGION):
    return boto3.client(service, endpoint_url=ENDPOINT, region_name=region,
                        config=Config(signature_version="s3v4", retries={"max_attempts": 1}), **KEYS)


def shape(value, depth=0):
    """The structure of an answer without its values: keys, and the shape of a list's first item."""
    if isinstance(value, dict):
        return {k: shape(v, depth + 1) for k, v in sorted(value.items()) if k != "ResponseMetadata"}
    if isinstance(value, list):
        return [shape(value[0], depth + 1)] if value else []
    return type(value).__name__


def step(name, call):
    try:
        result = call()
        line = {"step": name, "status": 200, "shape": shape(result)}
    except ClientError as error:
        line = {"step": name, "status": error.response["ResponseMetadata"].get("HTTPStatusCode"),
                "code": error.response["Error"].get("Code")}
        result = None
    print(json.dumps(line), flush=True)
    return result


def cli(name, *args):
    env = dict(os.environ, AWS_ACCESS_KEY_ID=KEYS["aws_access_key_id"], AWS_SECRET_ACCESS_KEY=KEYS["aws_secret_access_key"],
               AWS_DEFAULT_REGION=REGION, AWS_ENDPOINT_URL=ENDPOINT)
    done = subprocess.run(["aws", "--endpoint-url", ENDPOINT, "--output", "json", *args], capture_output=True, text=True, env=env)
    code = None
    if done.returncode != 0 and "An error occurred (" in done.stderr:
        code = done.stderr.split("An error occurred (", 1)[1].split(")", 1)[0]
    out = None
    if done.returncode == 0 and done.stdout.strip():
        out = shape(json.loads(done.stdout))
    print(json.dumps({"step": f"cli {name}", "exit": done.returncode, "code": code, "shape": out}), flush=True)


ec2, iam, sts, s3 = client("ec2"), client("iam", "us-east-1"), client("sts"), client("s3")

step("sts GetCallerIdentity", lambda: sts.get_caller_identity())
vpc = step("ec2 CreateVpc", lambda: ec2.create_vpc(CidrBlock="10.1.0.0/16", TagSpecifications=[
    {"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": "edx-build-aws-vpc"}]}]))
vpc_id = vpc["Vpc"]["VpcId"]
step("ec2 CreateVpc too large", lambda: ec2.create_vpc(CidrBlock="10.0.0.0/8"))
step("ec2 DescribeVpcs by tag", lambda: ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["edx-build-aws-vpc"]}]))
step("ec2 DescribeVpcs unknown id", lambda: ec2.describe_vpcs(VpcIds=["vpc-0123456789abcdef0"]))
subnet = step("ec2 CreateSubnet", lambda: ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.1.1.0/24", AvailabilityZone="us-west-2a"))
subnet_id = subnet["Subnet"]["SubnetId"]
step("ec2 CreateSubnet outside the VPC", lambda: ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.2.1.0/24"))
step("ec2 CreateSubnet overlapping", lambda: ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.1.1.0/25"))
step("ec2 ModifySubnetAttribute", lambda: ec2.modify_subnet_attribute(SubnetId=subnet_id, MapPublicIpOnLaunch={"Value": True}))
igw = step("ec2 CreateInternetGateway", lambda: ec2.create_internet_gateway())
igw_id = igw["InternetGateway"]["InternetGatewayId"]
step("ec2 AttachInternetGateway", lambda: ec2.attach_internet_gateway(InternetGatewayId=igw_id, VpcId=vpc_id))
table = step("ec2 CreateRouteTable", lambda: ec2.create_route_table(VpcId=vpc_id))
table_id = table["RouteTable"]["RouteTableId"]
step("ec2 CreateRoute", lambda: ec2.create_route(RouteTableId=table_id, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw_id))
step("ec2 CreateRoute duplicate", lambda: ec2.create_route(RouteTableId=table_id, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw_id))
step("ec2 AssociateRouteTable", lambda: ec2.associate_route_table(RouteTableId=table_id, SubnetId=subnet_id))
step("ec2 DescribeRouteTables", lambda: ec2.describe_route_tables(Filters=[{"Name": "association.subnet-id", "Values": [subnet_id]}]))
group = step("ec2 CreateSecurityGroup", lambda: ec2.create_security_group(GroupName="exercise3-sg", Description="exercise3-sg", VpcId=vpc_id))
group_id = group["GroupId"]
step("ec2 AuthorizeSecurityGroupIngress", lambda: ec2.authorize_security_group_ingress(GroupId=group_id, IpPermissions=[
    {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]))
step("ec2 AuthorizeSecurityGroupIngress duplicate", lambda: ec2.authorize_security_group_ingress(GroupId=group_id, IpPermissions=[
    {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]))
step("ec2 DescribeSecurityGroups", lambda: ec2.describe_security_groups(GroupIds=[group_id]))
step("ec2 CreateKeyPair", lambda: ec2.create_key_pair(KeyName="edx-key"))
step("ec2 CreateKeyPair duplicate", lambda: ec2.create_key_pair(KeyName="edx-key"))
step("ec2 DescribeKeyPairs unknown", lambda: ec2.describe_key_pairs(KeyNames=["missing"]))
run = step("ec2 RunInstances", lambda: ec2.run_instances(ImageId="ami-0123456789abcdef0", InstanceType="t2.micro", MinCount=1, MaxCount=1,
                                                         SubnetId=subnet_id, SecurityGroupIds=[group_id], KeyName="edx-key",
                                                         TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "Ex3WebServer"}]}]))
instance_id = run["Instances"][0]["InstanceId"]
step("ec2 DescribeInstances by tag", lambda: ec2.describe_instances(Filters=[{"Name": "tag:Name", "Values": ["Ex3WebServer"]}]))
step("ec2 DescribeInstances unknown id", lambda: ec2.describe_instances(InstanceIds=["i-0123456789abcdef0"]))
step("ec2 StopInstances", lambda: ec2.stop_instances(InstanceIds=[instance_id]))
step("ec2 StartInstances", lambda: ec2.start_instances(InstanceIds=[instance_id]))
step("ec2 TerminateInstances", lambda: ec2.terminate_instances(InstanceIds=[instance_id]))
step("ec2 DescribeAvailabilityZones", lambda: ec2.describe_availability_zones())

POLICY = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["ec2:Describe*", "s3:GetObject"], "Resource": "*"}]})
step("iam CreateUser", lambda: iam.create_user(UserName="edXProjectUser"))
step("iam CreateUser duplicate", lambda: iam.create_user(UserName="edXProjectUser"))
step("iam GetUser unknown", lambda: iam.get_user(UserName="nobody"))
policy = step("iam CreatePolicy", lambda: iam.create_policy(PolicyName="edXProjectPolicy", PolicyDocument=POLICY))
step("iam CreatePolicy malformed", lambda: iam.create_policy(PolicyName="broken", PolicyDocument='{"Version": "2012-10-17"'))
step("iam GetPolicyVersion", lambda: iam.get_policy_version(PolicyArn=policy["Policy"]["Arn"], VersionId="v1"))
step("iam AttachUserPolicy", lambda: iam.attach_user_policy(UserName="edXProjectUser", PolicyArn=policy["Policy"]["Arn"]))
step("iam ListAttachedUserPolicies", lambda: iam.list_attached_user_policies(UserName="edXProjectUser"))
step("iam CreateLoginProfile", lambda: iam.create_login_profile(UserName="edXProjectUser", Password="Str0ng-Passw0rd!"))
step("iam GetLoginProfile", lambda: iam.get_login_profile(UserName="edXProjectUser"))
key = step("iam CreateAccessKey", lambda: iam.create_access_key(UserName="edXProjectUser"))
step("iam CreateAccessKey second", lambda: iam.create_access_key(UserName="edXProjectUser"))
step("iam CreateAccessKey third", lambda: iam.create_access_key(UserName="edXProjectUser"))
step("iam ListAccessKeys", lambda: iam.list_access_keys(UserName="edXProjectUser"))
step("iam UpdateAccessKey", lambda: iam.update_access_key(UserName="edXProjectUser", AccessKeyId=key["AccessKey"]["AccessKeyId"], Status="Inactive"))
step("iam DeleteAccessKey", lambda: iam.delete_access_key(UserName="edXProjectUser", AccessKeyId=key["AccessKey"]["AccessKeyId"]))
step("iam DeleteAccessKey again", lambda: iam.delete_access_key(UserName="edXProjectUser", AccessKeyId=key["AccessKey"]["AccessKeyId"]))

BUCKET = "edx-photos-conformance"
step("s3 CreateBucket", lambda: s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION}))
step("s3 CreateBucket again", lambda: s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION}))
step("s3 PutObject", lambda: s3.put_object(Bucket=BUCKET, Key="photos/cat.jpg", Body=b"\xff\xd8\xffphoto", ContentType="image/jpeg"))
step("s3 PutObject second", lambda: s3.put_object(Bucket=BUCKET, Key="photos/dog.jpg", Body=b"\xff\xd8\xffphoto2", ContentType="image/jpeg"))
step("s3 ListObjectsV2", lambda: s3.list_objects_v2(Bucket=BUCKET, Prefix="photos/"))
step("s3 ListObjectsV2 one per page", lambda: s3.list_objects_v2(Bucket=BUCKET, MaxKeys=1))
step("s3 ListObjects", lambda: s3.list_objects(Bucket=BUCKET))
step("s3 HeadObject", lambda: s3.head_object(Bucket=BUCKET, Key="photos/cat.jpg"))
TAGS = {"TagSet": [{"Key": "course", "Value": "edx"}]}
step("s3 PutObjectTagging", lambda: s3.put_object_tagging(Bucket=BUCKET, Key="photos/cat.jpg", Tagging=TAGS))
step("s3 GetObjectTagging", lambda: s3.get_object_tagging(Bucket=BUCKET, Key="photos/cat.jpg"))
step("s3 DeleteObjectTagging", lambda: s3.delete_object_tagging(Bucket=BUCKET, Key="photos/cat.jpg"))
step("s3 GetObjectTagging missing key", lambda: s3.get_object_tagging(Bucket=BUCKET, Key="nope.jpg"))
step("s3 GetObjectAcl", lambda: s3.get_object_acl(Bucket=BUCKET, Key="photos/cat.jpg"))
step("s3 PutObjectAcl public-read", lambda: s3.put_object_acl(Bucket=BUCKET, Key="photos/dog.jpg", ACL="public-read"))
step("s3 HeadObject after the ACL", lambda: s3.head_object(Bucket=BUCKET, Key="photos/dog.jpg"))
step("s3 GetBucketAcl", lambda: s3.get_bucket_acl(Bucket=BUCKET))
step("s3 GetBucketTagging none", lambda: s3.get_bucket_tagging(Bucket=BUCKET))
step("s3 PutBucketTagging", lambda: s3.put_bucket_tagging(Bucket=BUCKET, Tagging=TAGS))
step("s3 GetBucketTagging", lambda: s3.get_bucket_tagging(Bucket=BUCKET))
step("s3 DeleteBucketTagging", lambda: s3.delete_bucket_tagging(Bucket=BUCKET))
step("s3 GetBucketOwnershipControls", lambda: s3.get_bucket_ownership_controls(Bucket=BUCKET))
step("s3 CopyObject", lambda: s3.copy_object(Bucket=BUCKET, Key="copy.jpg", CopySource=f"{BUCKET}/photos/cat.jpg"))
step("s3 DeleteObject copy", lambda: s3.delete_object(Bucket=BUCKET, Key="copy.jpg"))
step("s3 GetObject missing", lambda: s3.get_object(Bucket=BUCKET, Key="nope.jpg"))
step("s3 HeadBucket missing", lambda: s3.head_bucket(Bucket="no-such-bucket-conformance"))
step("s3 ListObjectsV2 missing bucket", lambda: s3.list_objects_v2(Bucket="no-such-bucket-conformance"))
step("s3 DeleteBucket not empty", lambda: s3.delete_bucket(Bucket=BUCKET))
url = s3.generate_presigned_url("get_object", Params={"Bucket": BUCKET, "Key": "photos/cat.jpg"}, ExpiresIn=60)
try:
    status = urllib.request.urlopen(url).status
except urllib.error.HTTPError as error:
    status = error.code
print(json.dumps({"step": "s3 presigned GET", "status": status}), flush=True)
try:
    status = urllib.request.urlopen(f"{ENDPOINT}/{BUCKET}/photos/cat.jpg").status
except urllib.error.HTTPError as error:
    status = error.code
print(json.dumps({"step": "s3 unsigned GET of a private object", "status": status}), flush=True)

TEMPLATE = """AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  VpcCidr: { Type: String, Default: 10.20.0.0/16 }
Resources:
  VPC:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: !Ref VpcCidr
      Tags: [{ Key: Name, Value: conformance-vpc }]
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref VPC
      CidrBlock: 10.20.1.0/24
      AvailabilityZone: !Select [0, !GetAZs '']
Outputs:
  VpcId: { Value: !Ref VPC }
"""
cloudformation = client("cloudformation")
step("cloudformation ValidateTemplate", lambda: cloudformation.validate_template(TemplateBody=TEMPLATE))
step("cloudformation CreateStack", lambda: cloudformation.create_stack(StackName="conformance-stack", TemplateBody=TEMPLATE))
step("cloudformation CreateStack duplicate", lambda: cloudformation.create_stack(StackName="conformance-stack", TemplateBody=TEMPLATE))
step("cloudformation DescribeStacks unknown", lambda: cloudformation.describe_stacks(StackName="no-such-stack"))
step("cloudformation DescribeStackResources", lambda: cloudformation.describe_stack_resources(StackName="conformance-stack"))
step("cloudformation DeleteStack", lambda: cloudformation.delete_stack(StackName="conformance-stack"))

step("iam CreatePolicyVersion", lambda: iam.create_policy_version(PolicyArn=policy["Policy"]["Arn"], PolicyDocument=POLICY, SetAsDefault=True))
step("iam ListPolicyVersions", lambda: iam.list_policy_versions(PolicyArn=policy["Policy"]["Arn"]))
step("iam PutUserPolicy", lambda: iam.put_user_policy(UserName="edXProjectUser", PolicyName="inline", PolicyDocument=POLICY))
step("iam GetUserPolicy", lambda: iam.get_user_policy(UserName="edXProjectUser", PolicyName="inline"))
step("iam ListUserPolicies", lambda: iam.list_user_policies(UserName="edXProjectUser"))
step("iam GetUserPolicy unknown", lambda: iam.get_user_policy(UserName="edXProjectUser", PolicyName="nope"))
step("iam ListUsers", lambda: iam.list_users())
step("iam GetLoginProfile unknown user", lambda: iam.get_login_profile(UserName="nobody"))
step("iam DeleteUser with attachments", lambda: iam.delete_user(UserName="edXProjectUser"))

PUBLIC = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{BUCKET}/*"}]})
step("s3 ListBuckets", lambda: s3.list_buckets())
step("s3 GetBucketLocation", lambda: s3.get_bucket_location(Bucket=BUCKET))
step("s3 GetBucketPolicy none", lambda: s3.get_bucket_policy(Bucket=BUCKET))
step("s3 DeletePublicAccessBlock", lambda: s3.delete_public_access_block(Bucket=BUCKET))
step("s3 PutBucketPolicy", lambda: s3.put_bucket_policy(Bucket=BUCKET, Policy=PUBLIC))
step("s3 GetBucketPolicy", lambda: s3.get_bucket_policy(Bucket=BUCKET))
step("s3 GetBucketPolicyStatus", lambda: s3.get_bucket_policy_status(Bucket=BUCKET))
step("s3 DeleteBucketPolicy", lambda: s3.delete_bucket_policy(Bucket=BUCKET))
step("s3 DeleteObjects", lambda: s3.delete_objects(Bucket=BUCKET, Delete={"Objects": [{"Key": "photos/cat.jpg"}, {"Key": "photos/dog.jpg"}]}))
step("s3 DeleteBucket", lambda: s3.delete_bucket(Bucket=BUCKET))

step("ec2 DescribeKeyPairs", lambda: ec2.describe_key_pairs())
step("ec2 ImportKeyPair", lambda: ec2.import_key_pair(KeyName="laptop", PublicKeyMaterial=b"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ6v3mOPbVc6cWHnyGcXIm2hgV1jKbrx0ZBbxR3NDWEV learner@laptop"))
step("ec2 DeleteKeyPair", lambda: ec2.delete_key_pair(KeyName="laptop"))
step("ec2 CreateTags", lambda: ec2.create_tags(Resources=[vpc_id], Tags=[{"Key": "team", "Value": "course"}]))
step("ec2 DescribeTags", lambda: ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [vpc_id]}]))
step("ec2 DeleteVpc with dependencies", lambda: ec2.delete_vpc(VpcId=vpc_id))
LAUNCH = dict(ImageId="ami-0123456789abcdef0", InstanceType="t2.micro", MinCount=1, MaxCount=1)
step("ec2 RunInstances dry run", lambda: ec2.run_instances(**LAUNCH, DryRun=True))
step("ec2 CreateVpc dry run", lambda: ec2.create_vpc(CidrBlock="10.9.0.0/16", DryRun=True))
step("ec2 DescribeVpcs dry run", lambda: ec2.describe_vpcs(DryRun=True))
step("ec2 RunInstances dry run without ImageId", lambda: ec2.run_instances(MinCount=1, MaxCount=1, DryRun=True))
step("ec2 RunInstances dry run in an unknown subnet",
     lambda: ec2.run_instances(**LAUNCH, SubnetId="subnet-0123456789abcdef0", DryRun=True))
step("ec2 DeleteVpc dry run with dependencies", lambda: ec2.delete_vpc(VpcId=vpc_id, DryRun=True))
step("ec2 DescribeRegions", lambda: ec2.describe_regions(RegionNames=["us-west-2"]))


def network():
    """EC2 networking beyond the course's VPC: Elastic IPs, NAT gateways, network ACLs, extra CIDR blocks, route table
    associations and security group rules by id."""
    net_vpc = ec2.create_vpc(CidrBlock="10.30.0.0/16")["Vpc"]["VpcId"]
    net_igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=net_igw, VpcId=net_vpc)
    net_subnet = ec2.create_subnet(VpcId=net_vpc, CidrBlock="10.30.1.0/24")["Subnet"]["SubnetId"]

    eip = step("ec2 AllocateAddress", lambda: ec2.allocate_address(Domain="vpc", TagSpecifications=[
        {"ResourceType": "elastic-ip", "Tags": [{"Key": "Name", "Value": "web"}]}]))
    step("ec2 DescribeAddresses", lambda: ec2.describe_addresses(AllocationIds=[eip["AllocationId"]]))
    web = ec2.run_instances(ImageId="ami-0123456789abcdef0", InstanceType="t2.micro", MinCount=1, MaxCount=1,
                            SubnetId=net_subnet)["Instances"][0]["InstanceId"]
    association = step("ec2 AssociateAddress", lambda: ec2.associate_address(AllocationId=eip["AllocationId"], InstanceId=web))
    step("ec2 DescribeAddresses by instance", lambda: ec2.describe_addresses(Filters=[{"Name": "instance-id", "Values": [web]}]))
    step("ec2 ReleaseAddress while associated", lambda: ec2.release_address(AllocationId=eip["AllocationId"]))
    step("ec2 DisassociateAddress", lambda: ec2.disassociate_address(AssociationId=association["AssociationId"]))
    step("ec2 ReleaseAddress", lambda: ec2.release_address(AllocationId=eip["AllocationId"]))
    step("ec2 ReleaseAddress unknown", lambda: ec2.release_address(AllocationId="eipalloc-0123456789abcdef0"))

    nat_eip = ec2.allocate_address(Domain="vpc")["AllocationId"]
    nat = step("ec2 CreateNatGateway", lambda: ec2.create_nat_gateway(SubnetId=net_subnet, AllocationId=nat_eip))
    nat_id = nat["NatGateway"]["NatGatewayId"]
    step("ec2 DescribeNatGateways", lambda: ec2.describe_nat_gateways(NatGatewayIds=[nat_id]))
    step("ec2 DescribeNatGateways unknown", lambda: ec2.describe_nat_gateways(NatGatewayIds=["nat-0123456789abcdef0"]))
    private_table = ec2.create_route_table(VpcId=net_vpc)["RouteTable"]["RouteTableId"]
    step("ec2 CreateRoute to a NAT gateway", lambda: ec2.create_route(RouteTableId=private_table, DestinationCidrBlock="0.0.0.0/0",
                                                                      NatGatewayId=nat_id))
    step("ec2 ReplaceRoute", lambda: ec2.replace_route(RouteTableId=private_table, DestinationCidrBlock="0.0.0.0/0", GatewayId=net_igw))
    step("ec2 ReplaceRoute missing", lambda: ec2.replace_route(RouteTableId=private_table, DestinationCidrBlock="10.99.0.0/16",
                                                               GatewayId=net_igw))
    step("ec2 DeleteNatGateway", lambda: ec2.delete_nat_gateway(NatGatewayId=nat_id))

    step("ec2 DescribeNetworkAcls default", lambda: ec2.describe_network_acls(Filters=[
        {"Name": "vpc-id", "Values": [net_vpc]}, {"Name": "default", "Values": ["true"]}]))
    acl = step("ec2 CreateNetworkAcl", lambda: ec2.create_network_acl(VpcId=net_vpc))
    acl_id = acl["NetworkAcl"]["NetworkAclId"]
    entry = dict(NetworkAclId=acl_id, RuleNumber=100, Protocol="6", RuleAction="allow", Egress=False, CidrBlock="0.0.0.0/0",
                 PortRange={"From": 22, "To": 22})
    step("ec2 CreateNetworkAclEntry", lambda: ec2.create_network_acl_entry(**entry))
    step("ec2 CreateNetworkAclEntry duplicate", lambda: ec2.create_network_acl_entry(**entry))
    step("ec2 ReplaceNetworkAclEntry", lambda: ec2.replace_network_acl_entry(**dict(entry, RuleAction="deny")))
    step("ec2 DeleteNetworkAclEntry", lambda: ec2.delete_network_acl_entry(NetworkAclId=acl_id, RuleNumber=100, Egress=False))
    by_subnet = ec2.describe_network_acls(Filters=[{"Name": "association.subnet-id", "Values": [net_subnet]}])
    acl_association = by_subnet["NetworkAcls"][0]["Associations"][0]["NetworkAclAssociationId"]
    step("ec2 ReplaceNetworkAclAssociation", lambda: ec2.replace_network_acl_association(AssociationId=acl_association,
                                                                                        NetworkAclId=acl_id))
    step("ec2 DeleteNetworkAcl associated", lambda: ec2.delete_network_acl(NetworkAclId=acl_id))
    step("ec2 DescribeNetworkAcls unknown", lambda: ec2.describe_network_acls(NetworkAclIds=["acl-0123456789abcdef0"]))

    block = step("ec2 AssociateVpcCidrBlock", lambda: ec2.associate_vpc_cidr_block(VpcId=net_vpc, CidrBlock="10.31.0.0/16"))
    step("ec2 AssociateVpcCidrBlock restricted", lambda: ec2.associate_vpc_cidr_block(VpcId=net_vpc, CidrBlock="192.168.0.0/16"))
    step("ec2 CreateSubnet in the added block", lambda: ec2.create_subnet(VpcId=net_vpc, CidrBlock="10.31.1.0/24"))
    step("ec2 DescribeVpcs with an added block", lambda: ec2.describe_vpcs(VpcIds=[net_vpc]))
    primary = ec2.describe_vpcs(VpcIds=[net_vpc])["Vpcs"][0]["CidrBlockAssociationSet"][0]["AssociationId"]
    step("ec2 DisassociateVpcCidrBlock primary", lambda: ec2.disassociate_vpc_cidr_block(AssociationId=primary))
    step("ec2 DisassociateVpcCidrBlock in use", lambda: ec2.disassociate_vpc_cidr_block(
        AssociationId=block["CidrBlockAssociation"]["AssociationId"]))

    table = ec2.create_route_table(VpcId=net_vpc)["RouteTable"]["RouteTableId"]
    first = step("ec2 AssociateRouteTable", lambda: ec2.associate_route_table(RouteTableId=table, SubnetId=net_subnet))
    step("ec2 AssociateRouteTable again", lambda: ec2.associate_route_table(RouteTableId=table, SubnetId=net_subnet))
    step("ec2 AssociateRouteTable another table", lambda: ec2.associate_route_table(RouteTableId=private_table, SubnetId=net_subnet))
    step("ec2 ReplaceRouteTableAssociation", lambda: ec2.replace_route_table_association(AssociationId=first["AssociationId"],
                                                                                        RouteTableId=private_table))

    net_group = ec2.create_security_group(GroupName="network-sg", Description="network-sg", VpcId=net_vpc)["GroupId"]
    granted = step("ec2 AuthorizeSecurityGroupIngress with rule tags", lambda: ec2.authorize_security_group_ingress(
        GroupId=net_group, IpPermissions=[{"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}],
        TagSpecifications=[{"ResourceType": "security-group-rule", "Tags": [{"Key": "Name", "Value": "http"}]}]))
    rule_id = granted["SecurityGroupRules"][0]["SecurityGroupRuleId"]
    step("ec2 DescribeSecurityGroupRules by id", lambda: ec2.describe_security_group_rules(SecurityGroupRuleIds=[rule_id]))
    step("ec2 CreateTags on a rule", lambda: ec2.create_tags(Resources=[rule_id], Tags=[{"Key": "team", "Value": "web"}]))
    step("ec2 ModifySecurityGroupRules", lambda: ec2.modify_security_group_rules(GroupId=net_group, SecurityGroupRules=[
        {"SecurityGroupRuleId": rule_id, "SecurityGroupRule": {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
                                                               "CidrIpv4": "0.0.0.0/0"}}]))
    step("ec2 RevokeSecurityGroupIngress by rule id", lambda: ec2.revoke_security_group_ingress(GroupId=net_group,
                                                                                                SecurityGroupRuleIds=[rule_id]))

    cli("ec2 allocate-address", "ec2", "allocate-address", "--domain", "vpc")
    cli("ec2 describe-addresses", "ec2", "describe-addresses")
    cli("ec2 describe-network-acls", "ec2", "describe-network-acls", "--filters", f"Name=vpc-id,Values={net_vpc}")
    cli("ec2 describe-nat-gateways", "ec2", "describe-nat-gateways", "--filter", "Name=state,Values=available")
    cli("ec2 describe-security-group-rules", "ec2", "describe-security-group-rules", "--filters", f"Name=group-id,Values={net_group}")


network()


def instances():
    """EC2 instances: types and offerings, arm64 images, reboot and attributes, volumes, launch templates, filters."""
    ssm = client("ssm")
    latest = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-"
    images = {arch: step(f"ssm GetParameter AL2023 {arch}", lambda arch=arch: ssm.get_parameter(Name=latest + arch))
              for arch in ("x86_64", "arm64")}
    x86, arm = ((images[a] or {}).get("Parameter", {}).get("Value", "ami-0123456789abcdef0") for a in ("x86_64", "arm64"))
    step("ec2 DescribeInstanceTypes", lambda: ec2.describe_instance_types(InstanceTypes=["t3.micro", "t4g.micro"]))
    step("ec2 DescribeInstanceTypes free tier", lambda: ec2.describe_instance_types(
        Filters=[{"Name": "free-tier-eligible", "Values": ["true"]}]))
    step("ec2 DescribeInstanceTypes unknown", lambda: ec2.describe_instance_types(InstanceTypes=["t3.huge"]))
    step("ec2 DescribeInstanceTypeOfferings by zone", lambda: ec2.describe_instance_type_offerings(
        LocationType="availability-zone", Filters=[{"Name": "instance-type", "Values": ["t3.micro"]}]))
    step("ec2 DescribeImages arm64", lambda: ec2.describe_images(ImageIds=[arm]))
    step("ec2 RunInstances arm64 type with an x86_64 image",
         lambda: ec2.run_instances(ImageId=x86, InstanceType="t4g.micro", MinCount=1, MaxCount=1))
    step("ec2 RunInstances without an instance type", lambda: ec2.run_instances(ImageId=x86, MinCount=1, MaxCount=1))
    run = step("ec2 RunInstances t3.micro", lambda: ec2.run_instances(ImageId=x86, InstanceType="t3.micro", MinCount=1, MaxCount=1))
    instance_id = run["Instances"][0]["InstanceId"]
    zone = run["Instances"][0]["Placement"]["AvailabilityZone"]
    step("ec2 RebootInstances", lambda: ec2.reboot_instances(InstanceIds=[instance_id]))
    step("ec2 DescribeInstances by architecture", lambda: ec2.describe_instances(
        Filters=[{"Name": "architecture", "Values": ["x86_64"]}, {"Name": "instance-id", "Values": [instance_id]}]))
    step("ec2 DescribeVolumes of the instance", lambda: ec2.describe_volumes(
        Filters=[{"Name": "attachment.instance-id", "Values": [instance_id]}]))
    step("ec2 ModifyInstanceAttribute type while running", lambda: ec2.modify_instance_attribute(
        InstanceId=instance_id, InstanceType={"Value": "t3.small"}))
    step("ec2 StopInstances for a new type", lambda: ec2.stop_instances(InstanceIds=[instance_id]))
    step("ec2 ModifyInstanceAttribute type while stopped", lambda: ec2.modify_instance_attribute(
        InstanceId=instance_id, InstanceType={"Value": "t3.small"}))
    step("ec2 DescribeInstanceAttribute instanceType", lambda: ec2.describe_instance_attribute(
        InstanceId=instance_id, Attribute="instanceType"))
    volume = step("ec2 CreateVolume", lambda: ec2.create_volume(AvailabilityZone=zone, Size=10, VolumeType="gp3"))
    volume_id = volume["VolumeId"]
    step("ec2 CreateVolume without a zone", lambda: ec2.create_volume(Size=10, AvailabilityZone=""))
    step("ec2 AttachVolume", lambda: ec2.attach_volume(VolumeId=volume_id, InstanceId=instance_id, Device="/dev/sdf"))
    step("ec2 DeleteVolume in use", lambda: ec2.delete_volume(VolumeId=volume_id))
    step("ec2 DetachVolume", lambda: ec2.detach_volume(VolumeId=volume_id, InstanceId=instance_id))
    step("ec2 DeleteVolume", lambda: ec2.delete_volume(VolumeId=volume_id))
    step("ec2 DescribeVolumes deleted", lambda: ec2.describe_volumes(VolumeIds=[volume_id]))
    template = step("ec2 CreateLaunchTemplate", lambda: ec2.create_launch_template(
        LaunchTemplateName="web-server", LaunchTemplateData={"ImageId": x86, "InstanceType": "t3.micro"}))
    template_id = template["LaunchTemplate"]["LaunchTemplateId"]
    step("ec2 CreateLaunchTemplate duplicate", lambda: ec2.create_launch_template(
        LaunchTemplateName="web-server", LaunchTemplateData={"ImageId": x86}))
    step("ec2 CreateLaunchTemplateVersion", lambda: ec2.create_launch_template_version(
        LaunchTemplateId=template_id, SourceVersion="1", LaunchTemplateData={"InstanceType": "t3.small"}))
    step("ec2 ModifyLaunchTemplate", lambda: ec2.modify_launch_template(LaunchTemplateId=template_id, DefaultVersion="2"))
    step("ec2 DescribeLaunchTemplates", lambda: ec2.describe_launch_templates(LaunchTemplateNames=["web-server"]))
    step("ec2 DescribeLaunchTemplateVersions", lambda: ec2.describe_launch_template_versions(
        LaunchTemplateId=template_id, Versions=["$Latest"]))
    step("ec2 RunInstances from a launch template", lambda: ec2.run_instances(
        MinCount=1, MaxCount=1, LaunchTemplate={"LaunchTemplateName": "web-server"}))
    step("ec2 DeleteLaunchTemplate", lambda: ec2.delete_launch_template(LaunchTemplateId=template_id))
    step("ec2 DescribeLaunchTemplates deleted", lambda: ec2.describe_launch_templates(LaunchTemplateIds=[template_id]))
    cli("ec2 describe-instance-types", "ec2", "describe-instance-types", "--instance-types", "t4g.micro")
    cli("ec2 describe-volumes", "ec2", "describe-volumes", "--filters", "Name=status,Values=in-use")


instances()

cli("sts get-caller-identity", "sts", "get-caller-identity")
cli("ec2 describe-vpcs", "ec2", "describe-vpcs", "--filters", "Name=tag:Name,Values=edx-build-aws-vpc")
cli("ec2 describe-vpcs unknown", "ec2", "describe-vpcs", "--vpc-ids", "vpc-0123456789abcdef0")
cli("iam get-user unknown", "iam", "get-user", "--user-name", "nobody")
cli("iam list-access-keys", "iam", "list-access-keys", "--user-name", "edXProjectUser")
cli("s3api list-buckets", "s3api", "list-buckets")
cli("s3api get-object missing", "s3api", "head-object", "--bucket", "no-such-bucket-conformance", "--key", "nope.jpg")
cli("cloudformation describe-stacks unknown", "cloudformation", "describe-stacks", "--stack-name", "no-such-stack")
cli("iam list-users", "iam", "list-users")


def iam_roles_and_sts(project_policy_arn):
    """IAM roles, instance profiles, groups, tags and the password policy; STS's temporary credentials. boto3 first,
    then the same kinds of call through the AWS CLI."""
    account = sts.get_caller_identity()["Account"]
    ec2_trust = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
    account_trust = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{account}:root"}, "Action": "sts:AssumeRole"}]})
    with_resource = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole", "Resource": "*"}]})
    unversioned = json.dumps({"Statement": [{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}]})
    placeholders = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "ec2:StartInstances", "Resource": "arn:aws:ec2:region:account-id:instance/*"}]})

    step("iam CreateRole", lambda: iam.create_role(RoleName="Ex5WebServerRole", AssumeRolePolicyDocument=ec2_trust,
                                                   Tags=[{"Key": "course", "Value": "edx"}]))
    step("iam CreateRole duplicate", lambda: iam.create_role(RoleName="Ex5WebServerRole", AssumeRolePolicyDocument=ec2_trust))
    step("iam CreateRole trust policy with a Resource",
         lambda: iam.create_role(RoleName="BrokenRole", AssumeRolePolicyDocument=with_resource))
    step("iam GetRole", lambda: iam.get_role(RoleName="Ex5WebServerRole"))
    step("iam GetRole unknown", lambda: iam.get_role(RoleName="NoSuchRole"))
    step("iam ListRoles", lambda: iam.list_roles())
    step("iam UpdateAssumeRolePolicy", lambda: iam.update_assume_role_policy(RoleName="Ex5WebServerRole", PolicyDocument=ec2_trust))
    step("iam AttachRolePolicy", lambda: iam.attach_role_policy(RoleName="Ex5WebServerRole", PolicyArn=project_policy_arn))
    step("iam ListAttachedRolePolicies", lambda: iam.list_attached_role_policies(RoleName="Ex5WebServerRole"))
    step("iam PutRolePolicy", lambda: iam.put_role_policy(RoleName="Ex5WebServerRole", PolicyName="list", PolicyDocument=POLICY))
    step("iam GetRolePolicy", lambda: iam.get_role_policy(RoleName="Ex5WebServerRole", PolicyName="list"))
    step("iam ListRolePolicies", lambda: iam.list_role_policies(RoleName="Ex5WebServerRole"))
    step("iam TagRole", lambda: iam.tag_role(RoleName="Ex5WebServerRole", Tags=[{"Key": "team", "Value": "web"}]))
    step("iam ListRoleTags", lambda: iam.list_role_tags(RoleName="Ex5WebServerRole"))
    step("iam UntagRole", lambda: iam.untag_role(RoleName="Ex5WebServerRole", TagKeys=["team"]))
    step("iam CreateInstanceProfile", lambda: iam.create_instance_profile(InstanceProfileName="Ex5WebServerProfile"))
    step("iam CreateInstanceProfile duplicate", lambda: iam.create_instance_profile(InstanceProfileName="Ex5WebServerProfile"))
    step("iam AddRoleToInstanceProfile",
         lambda: iam.add_role_to_instance_profile(InstanceProfileName="Ex5WebServerProfile", RoleName="Ex5WebServerRole"))
    step("iam GetInstanceProfile", lambda: iam.get_instance_profile(InstanceProfileName="Ex5WebServerProfile"))
    step("iam GetInstanceProfile unknown", lambda: iam.get_instance_profile(InstanceProfileName="NoSuchProfile"))
    step("iam ListInstanceProfilesForRole", lambda: iam.list_instance_profiles_for_role(RoleName="Ex5WebServerRole"))
    step("iam DeleteRole with attachments", lambda: iam.delete_role(RoleName="Ex5WebServerRole"))

    role = step("iam CreateRole trusting the account",
                lambda: iam.create_role(RoleName="AdminAccessRole", AssumeRolePolicyDocument=account_trust))
    may_assume = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": role["Role"]["Arn"]}]})
    step("iam PutUserPolicy to assume the role",
         lambda: iam.put_user_policy(UserName="edXProjectUser", PolicyName="assume", PolicyDocument=may_assume))
    user_key = step("iam CreateAccessKey for the role's user", lambda: iam.create_access_key(UserName="edXProjectUser"))
    user_sts = boto3.client("sts", endpoint_url=ENDPOINT, region_name=REGION,
                            aws_access_key_id=user_key["AccessKey"]["AccessKeyId"],
                            aws_secret_access_key=user_key["AccessKey"]["SecretAccessKey"])
    step("sts AssumeRole as the root", lambda: sts.assume_role(RoleArn=role["Role"]["Arn"], RoleSessionName="learner"))
    assumed = step("sts AssumeRole", lambda: user_sts.assume_role(RoleArn=role["Role"]["Arn"], RoleSessionName="learner"))
    step("sts AssumeRole unknown role",
         lambda: user_sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/NoSuchRole", RoleSessionName="learner"))
    step("sts AssumeRole longer than the role allows", lambda: user_sts.assume_role(
        RoleArn=role["Role"]["Arn"], RoleSessionName="learner", DurationSeconds=7200))
    session = assumed["Credentials"]
    session_sts = boto3.client("sts", endpoint_url=ENDPOINT, region_name=REGION, aws_access_key_id=session["AccessKeyId"],
                               aws_secret_access_key=session["SecretAccessKey"], aws_session_token=session["SessionToken"])
    step("sts GetCallerIdentity as the role", lambda: session_sts.get_caller_identity())
    step("sts GetSessionToken as a role session", lambda: session_sts.get_session_token())
    step("sts GetSessionToken", lambda: sts.get_session_token(DurationSeconds=900))

    step("iam CreateGroup", lambda: iam.create_group(GroupName="Students"))
    step("iam CreateGroup duplicate", lambda: iam.create_group(GroupName="Students"))
    step("iam AddUserToGroup", lambda: iam.add_user_to_group(GroupName="Students", UserName="edXProjectUser"))
    step("iam GetGroup", lambda: iam.get_group(GroupName="Students"))
    step("iam GetGroup unknown", lambda: iam.get_group(GroupName="NoSuchGroup"))
    step("iam ListGroupsForUser", lambda: iam.list_groups_for_user(UserName="edXProjectUser"))
    step("iam AttachGroupPolicy", lambda: iam.attach_group_policy(GroupName="Students", PolicyArn=project_policy_arn))
    step("iam DeleteGroup with members", lambda: iam.delete_group(GroupName="Students"))
    step("iam RemoveUserFromGroup", lambda: iam.remove_user_from_group(GroupName="Students", UserName="edXProjectUser"))

    step("iam TagUser", lambda: iam.tag_user(UserName="edXProjectUser", Tags=[{"Key": "cohort", "Value": "2026"}]))
    step("iam ListUserTags", lambda: iam.list_user_tags(UserName="edXProjectUser"))
    step("iam UntagUser", lambda: iam.untag_user(UserName="edXProjectUser", TagKeys=["cohort"]))
    step("iam TagPolicy", lambda: iam.tag_policy(PolicyArn=project_policy_arn, Tags=[{"Key": "course", "Value": "edx"}]))
    step("iam ListPolicyTags", lambda: iam.list_policy_tags(PolicyArn=project_policy_arn))

    step("iam GetAccountPasswordPolicy none", lambda: iam.get_account_password_policy())
    step("iam UpdateAccountPasswordPolicy", lambda: iam.update_account_password_policy(
        MinimumPasswordLength=14, RequireSymbols=True, RequireNumbers=True, MaxPasswordAge=90))
    step("iam GetAccountPasswordPolicy", lambda: iam.get_account_password_policy())
    step("iam UpdateAccountPasswordPolicy out of range",
         lambda: iam.update_account_password_policy(MinimumPasswordLength=129, PasswordReusePrevention=25))
    step("iam CreateUser for a console password", lambda: iam.create_user(UserName="consoleLearner"))
    step("iam CreateLoginProfile against the policy",
         lambda: iam.create_login_profile(UserName="consoleLearner", Password="short"))
    step("iam DeleteAccountPasswordPolicy", lambda: iam.delete_account_password_policy())

    step("iam CreatePolicy without Version", lambda: iam.create_policy(PolicyName="unversioned", PolicyDocument=unversioned))
    step("iam PutUserPolicy without Version",
         lambda: iam.put_user_policy(UserName="edXProjectUser", PolicyName="unversioned", PolicyDocument=unversioned))
    step("iam CreatePolicy with placeholder ARNs", lambda: iam.create_policy(PolicyName="placeholders", PolicyDocument=placeholders))

    cli("iam create-role", "iam", "create-role", "--role-name", "CliRole", "--assume-role-policy-document", ec2_trust)
    cli("iam get-role", "iam", "get-role", "--role-name", "CliRole")
    cli("iam get-role unknown", "iam", "get-role", "--role-name", "NoSuchRole")
    cli("iam create-instance-profile", "iam", "create-instance-profile", "--instance-profile-name", "CliProfile")
    cli("iam add-role-to-instance-profile", "iam", "add-role-to-instance-profile", "--instance-profile-name", "CliProfile",
        "--role-name", "CliRole")
    cli("iam list-instance-profiles", "iam", "list-instance-profiles")
    cli("sts assume-role as the root", "sts", "assume-role", "--role-arn", role["Role"]["Arn"], "--role-session-name", "cli")
    cli("sts get-session-token", "sts", "get-session-token")
    cli("iam create-group", "iam", "create-group", "--group-name", "CliGroup")
    cli("iam list-groups", "iam", "list-groups")
    cli("iam tag-user", "iam", "tag-user", "--user-name", "edXProjectUser", "--tags", "Key=cohort,Value=2026")
    cli("iam list-user-tags", "iam", "list-user-tags", "--user-name", "edXProjectUser")
    cli("iam update-account-password-policy", "iam", "update-account-password-policy", "--minimum-password-length", "12")
    cli("iam get-account-password-policy", "iam", "get-account-password-policy")
    cli("iam list-roles", "iam", "list-roles")


iam_roles_and_sts(policy["Policy"]["Arn"])


def s3_more():
    """Multipart upload, versioning, CORS, website, presigned POST, storage classes and listing options."""
    bucket = "edx-more-conformance"
    step("s3 CreateBucket for more", lambda: s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION}))
    upload = step("s3 CreateMultipartUpload", lambda: s3.create_multipart_upload(Bucket=bucket, Key="big.bin"))
    upload_id = upload["UploadId"]
    big, small = b"a" * (5 * 1024 * 1024), b"tail"
    one = step("s3 UploadPart", lambda: s3.upload_part(Bucket=bucket, Key="big.bin", UploadId=upload_id, PartNumber=1, Body=big))
    two = step("s3 UploadPart last", lambda: s3.upload_part(Bucket=bucket, Key="big.bin", UploadId=upload_id, PartNumber=2, Body=small))
    step("s3 ListParts", lambda: s3.list_parts(Bucket=bucket, Key="big.bin", UploadId=upload_id))
    step("s3 ListMultipartUploads", lambda: s3.list_multipart_uploads(Bucket=bucket))
    parts = [{"PartNumber": 1, "ETag": one["ETag"]}, {"PartNumber": 2, "ETag": two["ETag"]}]
    step("s3 CompleteMultipartUpload out of order",
         lambda: s3.complete_multipart_upload(Bucket=bucket, Key="big.bin", UploadId=upload_id, MultipartUpload={"Parts": parts[::-1]}))
    step("s3 CompleteMultipartUpload", lambda: s3.complete_multipart_upload(Bucket=bucket, Key="big.bin", UploadId=upload_id, MultipartUpload={"Parts": parts}))
    step("s3 UploadPart to a completed upload",
         lambda: s3.upload_part(Bucket=bucket, Key="big.bin", UploadId=upload_id, PartNumber=1, Body=small))
    small_upload = step("s3 CreateMultipartUpload small parts", lambda: s3.create_multipart_upload(Bucket=bucket, Key="small.bin"))
    small_id = small_upload["UploadId"]
    tags = [s3.upload_part(Bucket=bucket, Key="small.bin", UploadId=small_id, PartNumber=n, Body=small)["ETag"] for n in (1, 2)]
    step("s3 CompleteMultipartUpload parts too small", lambda: s3.complete_multipart_upload(
        Bucket=bucket, Key="small.bin", UploadId=small_id, MultipartUpload={"Parts": [{"PartNumber": n, "ETag": t} for n, t in zip((1, 2), tags)]}))
    step("s3 AbortMultipartUpload", lambda: s3.abort_multipart_upload(Bucket=bucket, Key="small.bin", UploadId=small_id))

    step("s3 GetBucketVersioning never set", lambda: s3.get_bucket_versioning(Bucket=bucket))
    step("s3 PutBucketVersioning", lambda: s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"}))
    step("s3 GetBucketVersioning", lambda: s3.get_bucket_versioning(Bucket=bucket))
    first = step("s3 PutObject versioned", lambda: s3.put_object(Bucket=bucket, Key="notes.txt", Body=b"one"))
    step("s3 PutObject versioned again", lambda: s3.put_object(Bucket=bucket, Key="notes.txt", Body=b"two"))
    step("s3 DeleteObject versioned", lambda: s3.delete_object(Bucket=bucket, Key="notes.txt"))
    step("s3 GetObject behind a delete marker", lambda: s3.get_object(Bucket=bucket, Key="notes.txt"))
    step("s3 GetObject by version", lambda: s3.get_object(Bucket=bucket, Key="notes.txt", VersionId=first["VersionId"]))
    step("s3 HeadObject of the null version", lambda: s3.head_object(Bucket=bucket, Key="big.bin", VersionId="null"))
    step("s3 ListObjectVersions", lambda: s3.list_object_versions(Bucket=bucket, Prefix="notes"))
    step("s3 ListObjectVersions one per page", lambda: s3.list_object_versions(Bucket=bucket, MaxKeys=1))

    rules = {"CORSRules": [{"AllowedMethods": ["GET", "PUT"], "AllowedOrigins": ["https://example.com"], "AllowedHeaders": ["*"]}]}
    step("s3 GetBucketCors none", lambda: s3.get_bucket_cors(Bucket=bucket))
    step("s3 PutBucketCors", lambda: s3.put_bucket_cors(Bucket=bucket, CORSConfiguration=rules))
    step("s3 GetBucketCors", lambda: s3.get_bucket_cors(Bucket=bucket))
    step("s3 DeleteBucketCors", lambda: s3.delete_bucket_cors(Bucket=bucket))
    step("s3 GetBucketWebsite none", lambda: s3.get_bucket_website(Bucket=bucket))
    step("s3 PutBucketWebsite", lambda: s3.put_bucket_website(Bucket=bucket, WebsiteConfiguration={
        "IndexDocument": {"Suffix": "index.html"}, "ErrorDocument": {"Key": "error.html"}}))
    step("s3 GetBucketWebsite", lambda: s3.get_bucket_website(Bucket=bucket))
    step("s3 DeleteBucketWebsite", lambda: s3.delete_bucket_website(Bucket=bucket))

    step("s3 PutObject STANDARD_IA", lambda: s3.put_object(Bucket=bucket, Key="ia.txt", Body=b"ia", StorageClass="STANDARD_IA"))
    step("s3 HeadObject STANDARD_IA", lambda: s3.head_object(Bucket=bucket, Key="ia.txt"))
    step("s3 ListObjectsV2 FetchOwner", lambda: s3.list_objects_v2(Bucket=bucket, FetchOwner=True))
    step("s3 ListBuckets Prefix", lambda: s3.list_buckets(Prefix="edx-more"))

    post = s3.generate_presigned_post(bucket, "uploads/${filename}", Conditions=[["starts-with", "$key", "uploads/"]], ExpiresIn=60)
    status = requests.post(post["url"], data=post["fields"], files={"file": ("form.txt", b"form")}).status_code
    print(json.dumps({"step": "s3 presigned POST", "status": status}), flush=True)
    refused = requests.post(post["url"], data={**post["fields"], "key": "elsewhere/x"}, files={"file": ("x.txt", b"x")})
    print(json.dumps({"step": "s3 presigned POST outside its policy", "status": refused.status_code}), flush=True)

    with tempfile.TemporaryDirectory() as folder:
        original, copy = os.path.join(folder, "photo.bin"), os.path.join(folder, "copy.bin")
        with open(original, "wb") as out:
            out.write(os.urandom(9 * 1024 * 1024))
        cli("s3 cp of a 9 MiB file (multipart)", "s3", "cp", "--only-show-errors", original, f"s3://{bucket}/photo.bin")
        cli("s3 cp of it back", "s3", "cp", "--only-show-errors", f"s3://{bucket}/photo.bin", copy)
        with open(original, "rb") as a, open(copy, "rb") as b:
            same = a.read() == b.read()
        print(json.dumps({"step": "cli s3 cp round trip is byte-exact", "same": same}), flush=True)
    cli("s3api list-object-versions", "s3api", "list-object-versions", "--bucket", bucket, "--prefix", "notes")


s3_more()


def basics():
    """Small gaps: SSM's parameter paths, STS's unsigned federated sign-ins, IAM renames, RFC 4716 keys, CFN rules."""
    ssm = client("ssm")
    path = "/aws/service/ami-amazon-linux-latest"
    step("ssm GetParametersByPath", lambda: ssm.get_parameters_by_path(Path=path))
    step("ssm GetParametersByPath recursive, paged", lambda: ssm.get_parameters_by_path(Path="/aws/service", Recursive=True, MaxResults=2))
    step("ssm GetParametersByPath MaxResults 11", lambda: ssm.get_parameters_by_path(Path=path, MaxResults=11))
    step("ssm GetParametersByPath without a leading slash", lambda: ssm.get_parameters_by_path(Path="aws/service"))
    cli("ssm get-parameters-by-path", "ssm", "get-parameters-by-path", "--path", path)

    sts = client("sts")
    jwt = ".".join(base64.urlsafe_b64encode(json.dumps(part).encode()).decode().rstrip("=")
                   for part in ({"alg": "RS256"}, {"iss": "https://accounts.example.com", "aud": "web"})) + ".c2ln"
    role = "arn:aws:iam::123456789012:role/WebRole"
    step("sts AssumeRoleWithWebIdentity", lambda: sts.assume_role_with_web_identity(RoleArn=role, RoleSessionName="web", WebIdentityToken=jwt))
    # AssumeRoleWithSAML is left out: moto answers a 500 to an assertion it cannot parse.

    iam = client("iam")
    iam.create_user(UserName="basics-ana")
    iam.create_user(UserName="basics-bea")
    iam.create_group(GroupName="basics-devs")
    iam.create_group(GroupName="basics-ops")
    step("iam UpdateUser", lambda: iam.update_user(UserName="basics-ana", NewUserName="basics-ana-maria", NewPath="/staff/"))
    step("iam GetUser renamed", lambda: iam.get_user(UserName="basics-ana-maria"))
    step("iam UpdateUser to a taken name", lambda: iam.update_user(UserName="basics-ana-maria", NewUserName="basics-bea"))
    step("iam UpdateUser unknown", lambda: iam.update_user(UserName="basics-nobody", NewUserName="basics-somebody"))
    step("iam UpdateGroup", lambda: iam.update_group(GroupName="basics-devs", NewGroupName="basics-engineers", NewPath="/teams/"))
    step("iam UpdateGroup to a taken name", lambda: iam.update_group(GroupName="basics-engineers", NewGroupName="basics-ops"))

    ec2 = client("ec2")
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    openssh = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key().public_bytes(
        serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode()
    body = openssh.split(" ")[1]
    ssh2 = "\n".join(["---- BEGIN SSH2 PUBLIC KEY ----", 'Comment: "learner@laptop"',
                      *[body[i:i + 70] for i in range(0, len(body), 70)], "---- END SSH2 PUBLIC KEY ----", ""])
    step("ec2 ImportKeyPair RFC 4716", lambda: ec2.import_key_pair(KeyName="basics-ssh2", PublicKeyMaterial=ssh2.encode()))

    group_id = ec2.create_security_group(GroupName="basics-web", Description="web")["GroupId"]
    template = json.dumps({"Resources": {
        "Ssh": {"Type": "AWS::EC2::SecurityGroupIngress", "Properties": {
            "GroupId": group_id, "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "203.0.113.0/24"}},
        "Https": {"Type": "AWS::EC2::SecurityGroupEgress", "Properties": {
            "GroupId": group_id, "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "0.0.0.0/0"}}}})
    cloudformation = client("cloudformation")
    step("cloudformation CreateStack with security group rules",
         lambda: cloudformation.create_stack(StackName="basics-rules", TemplateBody=template))
    step("ec2 DescribeSecurityGroups with the stack's rules", lambda: ec2.describe_security_groups(GroupIds=[group_id]))
    step("cloudformation DeleteStack with security group rules", lambda: cloudformation.delete_stack(StackName="basics-rules"))
    step("ec2 DescribeSecurityGroups after the stack", lambda: ec2.describe_security_groups(GroupIds=[group_id]))


basics()


def network_odds_and_ends():
    """EC2 networking a beginner and moto's suite meet: older filter names, invalid CIDR blocks, the Network Address
    Usage metrics attribute, detaching a gateway that is not attached, Amazon-provided IPv6 blocks."""
    odd_vpc = ec2.create_vpc(CidrBlock="10.40.0.0/16")["Vpc"]["VpcId"]
    step("ec2 DescribeVpcs isDefault", lambda: ec2.describe_vpcs(Filters=[{"Name": "isDefault", "Values": ["true"]}]))
    step("ec2 DescribeSubnets defaultForAz",
         lambda: ec2.describe_subnets(Filters=[{"Name": "defaultForAz", "Values": ["true"]}]))
    step("ec2 CreateVpc invalid CIDR", lambda: ec2.create_vpc(CidrBlock="10.0.0.4/24"))
    step("ec2 CreateSubnet invalid CIDR", lambda: ec2.create_subnet(VpcId=odd_vpc, CidrBlock="10.40.0.4/24"))
    odd_table = ec2.create_route_table(VpcId=odd_vpc)["RouteTable"]["RouteTableId"]
    odd_igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    step("ec2 CreateRoute invalid CIDR", lambda: ec2.create_route(
        RouteTableId=odd_table, DestinationCidrBlock="10.0.0.4/24", GatewayId=odd_igw))
    step("ec2 DetachInternetGateway not attached",
         lambda: ec2.detach_internet_gateway(InternetGatewayId=odd_igw, VpcId=odd_vpc))
    step("ec2 ModifyVpcAttribute enableNetworkAddressUsageMetrics", lambda: ec2.modify_vpc_attribute(
        VpcId=odd_vpc, EnableNetworkAddressUsageMetrics={"Value": True}))
    step("ec2 DescribeVpcAttribute enableNetworkAddressUsageMetrics", lambda: ec2.describe_vpc_attribute(
        VpcId=odd_vpc, Attribute="enableNetworkAddressUsageMetrics"))
    added = step("ec2 AssociateVpcCidrBlock IPv6",
                 lambda: ec2.associate_vpc_cidr_block(VpcId=odd_vpc, AmazonProvidedIpv6CidrBlock=True))
    association = (added or {}).get("Ipv6CidrBlockAssociation", {})
    step("ec2 DescribeVpcs with an IPv6 block", lambda: ec2.describe_vpcs(VpcIds=[odd_vpc]))
    slash64 = association.get("Ipv6CidrBlock", "2600:1f00::/56").replace("/56", "/64")
    subnet = step("ec2 CreateSubnet with an IPv6 block",
                  lambda: ec2.create_subnet(VpcId=odd_vpc, CidrBlock="10.40.1.0/24", Ipv6CidrBlock=slash64))
    step("ec2 CreateSubnet with an IPv6 block outside the VPC's",
         lambda: ec2.create_subnet(VpcId=odd_vpc, CidrBlock="10.40.2.0/24", Ipv6CidrBlock="2001:db8:0:1::/64"))
    subnet_id = (subnet or {}).get("Subnet", {}).get("SubnetId")
    if subnet_id:
        ec2.delete_subnet(SubnetId=subnet_id)
    step("ec2 DisassociateVpcCidrBlock IPv6",
         lambda: ec2.disassociate_vpc_cidr_block(AssociationId=association.get("AssociationId", "vpc-cidr-assoc-0")))
    cli("ec2 describe-vpcs isDefault", "ec2", "describe-vpcs", "--filters", "Name=isDefault,Values=true")


network_odds_and_ends()


def iam_account_features():
    """What a learner exploring IAM's console-side features types: a virtual MFA device, the credential report, the
    account summary, a federation token for a session policy. boto3 first, then the AWS CLI."""
    step("iam CreateVirtualMFADevice", lambda: iam.create_virtual_mfa_device(VirtualMFADeviceName="edx-phone"))
    step("iam CreateVirtualMFADevice duplicate", lambda: iam.create_virtual_mfa_device(VirtualMFADeviceName="edx-phone"))
    step("iam ListVirtualMFADevices unassigned", lambda: iam.list_virtual_mfa_devices(AssignmentStatus="Unassigned"))
    step("iam DeleteVirtualMFADevice unknown", lambda: iam.delete_virtual_mfa_device(
        SerialNumber=f"arn:aws:iam::{sts.get_caller_identity()['Account']}:mfa/nobody"))
    step("iam GetCredentialReport before one is generated", lambda: iam.get_credential_report())
    step("iam GenerateCredentialReport", lambda: iam.generate_credential_report())
    step("iam GetAccountSummary", lambda: iam.get_account_summary())
    session_policy = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}]})
    step("sts GetFederationToken", lambda: sts.get_federation_token(Name="edx-guest", Policy=session_policy))
    cli("iam list-virtual-mfa-devices", "iam", "list-virtual-mfa-devices")
    cli("iam generate-credential-report", "iam", "generate-credential-report")
    cli("iam get-account-summary", "iam", "get-account-summary")


iam_account_features()
