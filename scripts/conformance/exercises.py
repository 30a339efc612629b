"""Does exercises 3 to 5 and the key clean-up with boto3 against one endpoint, as a learner would, so that
`awscourse check` can then be run against it (see run.mjs). The CloudFormation template and the IAM policy are read
from the lessons themselves.

Usage: python3 exercises.py ENDPOINT_URL BUCKET
"""
import json
import pathlib
import re
import sys
import time

import boto3

ENDPOINT, BUCKET = sys.argv[1], sys.argv[2]
ROOT = pathlib.Path(__file__).resolve().parents[2]
SESSION = dict(aws_access_key_id="AKIASANDBOXROOT00001", aws_secret_access_key="sandbox/root/secret/key/for/offline/0001",
               region_name="us-west-2", endpoint_url=ENDPOINT)

cloudformation, ec2, iam, s3 = (boto3.client(name, **SESSION) for name in ("cloudformation", "ec2", "iam", "s3"))


def lesson_block(path, language, starts):
    text = (ROOT / path).read_text()
    return re.search(rf"```{language}\n({re.escape(starts)}[\s\S]*?)```", text).group(1)


def subnet(name):
    return ec2.describe_subnets(Filters=[{"Name": "tag:Name", "Values": [name]}])["Subnets"][0]["SubnetId"]


def launch(name, subnet_id, group_id):
    return ec2.run_instances(ImageId="ami-0123456789abcdef0", InstanceType="t2.micro", MinCount=1, MaxCount=1, KeyName="edx-key",
                             SubnetId=subnet_id, SecurityGroupIds=[group_id],
                             TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": name}]}])["Instances"][0]["InstanceId"]


# Exercise 3: the stack, the security group, a key pair and the web server.
cloudformation.create_stack(StackName="edx-vpc-stack", TemplateBody=lesson_block("content/week-1/cloudformation.mdx", "yaml", "AWSTemplateFormatVersion"))
cloudformation.get_waiter("stack_create_complete").wait(StackName="edx-vpc-stack", WaiterConfig={"Delay": 1})
vpc_id = ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["edx-build-aws-vpc"]}])["Vpcs"][0]["VpcId"]
group_id = ec2.create_security_group(GroupName="exercise3-sg", Description="exercise3-sg", VpcId=vpc_id)["GroupId"]
for port in (22, 80):
    ec2.authorize_security_group_ingress(GroupId=group_id, IpPermissions=[{"IpProtocol": "tcp", "FromPort": port, "ToPort": port, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
ec2.create_key_pair(KeyName="edx-key")
launch("Ex3WebServer", subnet("edx-subnet-public-a"), group_id)

# Exercise 4: the policy from the lesson, the user with a password and a key, Ex4WebServer.
policy = iam.create_policy(PolicyName="edXProjectPolicy", PolicyDocument=lesson_block("content/week-2/exercise-4.mdx", "json", '{\n  "Version"'))["Policy"]
iam.create_user(UserName="edXProjectUser")
iam.create_login_profile(UserName="edXProjectUser", Password="Correct-Horse-42", PasswordResetRequired=True)
iam.attach_user_policy(UserName="edXProjectUser", PolicyArn=policy["Arn"])
key = iam.create_access_key(UserName="edXProjectUser")["AccessKey"]
launch("Ex4WebServer", subnet("edx-subnet-public-a"), group_id)

# Exercise 5: a private bucket with two photos, uploaded out of key order so that sorting by LastModified shows.
s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
s3.put_public_access_block(Bucket=BUCKET, PublicAccessBlockConfiguration={k: True for k in ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")})
for name in ("coffee", "chelsea"):
    s3.put_object(Bucket=BUCKET, Key=f"photos/{name}.jpg", Body=(ROOT / "public/sample-photos" / f"{name}.jpg").read_bytes(), ContentType="image/jpeg")
    time.sleep(1.1)

# The clean-up: the user's keys go, its password stays.
iam.delete_access_key(UserName="edXProjectUser", AccessKeyId=key["AccessKeyId"])
print(json.dumps({"vpc": vpc_id, "group": group_id}))
