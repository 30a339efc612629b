import { courseName } from './params';

/** The exercise-3 VPC, by the Name tag the course's CloudFormation template gives it (exercises 3 and 4). */
export const vpcNameParam = courseName('edx-build-aws-vpc', {
  label: 'VPC name',
  hint: 'The Name tag of your VPC; the course template names it edx-build-aws-vpc.',
});

/** The IAM user of exercise 4, whose keys the key clean-up deletes. */
export const userNameParam = courseName('edXProjectUser', {
  label: 'IAM user name',
  hint: 'The user you created in exercise 4 (edXProjectUser in the lesson).',
});
