/** `awscourse emulator --help`. Apart from the command, so that `awscourse help emulator` loads no emulator. */
export const emulatorHelp = `Usage: awscourse emulator [--port 4566] [--host 127.0.0.1] [--state FILE | --memory]
                          [--allow-origin URL]... [--allow-remote]

Runs the sandbox AWS account as an HTTP endpoint on this machine, so the real AWS CLI, boto3 and your own app can
use it with --endpoint-url or AWS_ENDPOINT_URL. It speaks EC2, IAM, STS, S3 (presigned URLs included), Rekognition,
CloudFormation and SSM, and serves each instance's metadata under /_sandbox/imds/<instance-id>/latest/.

Options:
  --port N         port to listen on (default 4566; 0 picks a free one)
  --host H         address to listen on (default 127.0.0.1)
  --state FILE     load the sandbox from FILE if it exists, and save it there after every change
                   (default ${'$AWSCOURSE_HOME'}/sandbox.json, that is ~/.awscourse/sandbox.json; "awscourse check
                   --offline" reads the same file)
  --memory         keep the sandbox in memory only
  --reset          start from a fresh sandbox; the old state file is kept beside it as FILE.<time>.bak
  --allow-origin URL
                   a web page origin that may use the endpoint; repeat it for more (default: the course at
                   http://localhost:4321 and http://127.0.0.1:4321, the gallery app at http://localhost:5000 and
                   http://127.0.0.1:5000). Other pages, and names other than 127.0.0.1, localhost and --host, are
                   refused, so a web page cannot drive the sandbox
  --allow-remote   allow a --host other than this machine (anyone who can reach it can use the sandbox key;
                   with a wildcard --host such as 0.0.0.0 the endpoint answers any of the machine's IP addresses)
  -h, --help       show this help
`;
