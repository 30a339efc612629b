import { Bash, getCommandNames } from 'just-bash';
const b = new Bash({ cwd: '/home/learner' });
console.log(JSON.stringify(await b.exec('clear')));
console.log(getCommandNames().length, getCommandNames().join(' '));
let r = await b.exec('export A=1; B=2; x() { echo f; }; alias ll="ls -l"');
console.log(r.env.A, r.env.B, Object.keys(r.env));
r = await b.exec('x; ll; echo $A $B', { env: r.env, replaceEnv: true });
console.log(r);
