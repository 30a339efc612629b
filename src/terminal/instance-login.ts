/** Where `ssh` connected: the sandbox instance the lab shell moves onto, and the user it logged in as. */
export interface InstanceLogin {
  accountId: string;
  region: string;
  instanceId: string;
  /** The AMI's user (`ec2-user` on Amazon Linux). */
  user: string;
  /** The command ssh was given to run there (`ssh … 'cat /etc/os-release'`); absent for a login shell. */
  command?: string;
}
