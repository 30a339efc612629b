#!/bin/bash
dnf install -y httpd
TOKEN=$(curl -sX PUT http://169.254.169.254/latest/api/token \
  -H 'X-aws-ec2-metadata-token-ttl-seconds: 21600')
md() { curl -s -H "X-aws-ec2-metadata-token: $TOKEN" "http://169.254.169.254/latest/meta-data/$1"; }
cat > /var/www/html/index.html <<PAGE
<!doctype html><title>Ex3WebServer</title>
<h1>Hello from $(md instance-id)</h1>
<p>Availability Zone: $(md placement/availability-zone)</p>
<p>Public IPv4: $(md public-ipv4), private IPv4: $(md local-ipv4)</p>
<p>Instance type: $(md instance-type)</p>
PAGE
systemctl enable --now httpd
