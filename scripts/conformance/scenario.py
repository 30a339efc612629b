"""The conformance scenario: one course-shaped sequence of AWS calls, made with boto3 and the AWS CLI against one
endpoint. Prints one JSON line per step: what came back (status, error code, and the shape of the answer).

Usage: python3 scenario.py ENDPOINT_URL
"""
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

cli("sts get-caller-identity", "sts", "get-caller-identity")
cli("ec2 describe-vpcs", "ec2", "describe-vpcs", "--filters", "Name=tag:Name,Values=edx-build-aws-vpc")
cli("ec2 describe-vpcs unknown", "ec2", "describe-vpcs", "--vpc-ids", "vpc-0123456789abcdef0")
cli("iam get-user unknown", "iam", "get-user", "--user-name", "nobody")
cli("iam list-access-keys", "iam", "list-access-keys", "--user-name", "edXProjectUser")
cli("s3api list-buckets", "s3api", "list-buckets")
cli("s3api get-object missing", "s3api", "head-object", "--bucket", "no-such-bucket-conformance", "--key", "nope.jpg")
cli("cloudformation describe-stacks unknown", "cloudformation", "describe-stacks", "--stack-name", "no-such-stack")
cli("iam list-users", "iam", "list-users")


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
