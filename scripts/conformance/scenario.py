"""The conformance scenario: one course-shaped sequence of AWS calls, made with boto3 and the AWS CLI against one
endpoint. Prints one JSON line per step: what came back (status, error code, and the shape of the answer).

Usage: python3 scenario.py ENDPOINT_URL
"""
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request

import boto3
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
