// The throughput bench's ceiling: a bare node:http server that reads each request's body and answers a fixed small
// XML body, as fast as Node can serve the bench's load on this machine. `node bench/bare-http-server.mjs PORT`.
import { createServer } from 'node:http';

const body = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?>\n<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">' +
    '<requestId>00000000-0000-4000-8000-000000000000</requestId><vpcSet><item><vpcId>vpc-0123456789abcdef0</vpcId>' +
    '<state>available</state><cidrBlock>10.1.0.0/16</cidrBlock></item></vpcSet></DescribeVpcsResponse>',
);
const headers = { 'content-type': 'text/xml;charset=UTF-8', 'content-length': String(body.length) };

createServer((request, response) => {
  request.on('end', () => response.writeHead(200, headers).end(body));
  request.resume();
}).listen(Number(process.argv[2]), '127.0.0.1');
