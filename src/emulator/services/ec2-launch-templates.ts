/**
 * Launch templates: named, versioned sets of RunInstances parameters. A version keeps `LaunchTemplateData.*` as
 * sent, which uses RunInstances' own parameter names, so `RunInstances --launch-template` reads it as defaults under
 * the request's own parameters.
 */
import type { ResourceTarget } from '../authorize';
import { AwsError } from '../aws-error';
import type { ServiceContext } from '../context';
import { ec2Id } from '../ids';
import type { QueryOperation, QueryParams } from '../protocols/query';
import { type LaunchTemplate, launchTemplatesOf, type Tag } from '../state';
import type { XmlValue } from '../xml';
import { awsTimestamp } from '../../lib/aws-timestamp';
import { ec2Arn, newResource, taggedResource } from './ec2-arns';
import { regionOf } from './ec2-default-vpc';
import { describe } from './ec2-describe';
import { lookup } from './ec2-ids';
import { renderTags, tagsFor } from './ec2-tags';

type Version = LaunchTemplate['versions'][number];

/** Lists whose answer names differ from `<name>Set`, by their path of names (`NetworkInterface.SecurityGroupId`). */
const renamedLists: Record<string, string> = {
  'NetworkInterface.SecurityGroupId': 'groupSet',
  'TagSpecification.Tag': 'tagSet',
};

/**
 * Flat query parameters as the nested answer EC2 gives for them: `SecurityGroupId.1` becomes `securityGroupIdSet`,
 * `BlockDeviceMapping.1.Ebs.VolumeSize` becomes `blockDeviceMappingSet[0].ebs.volumeSize`.
 */
export function nestLaunchData(data: Record<string, string>, path: string[] = []): XmlValue {
  const byName = groupByFirst(Object.entries(data).map(([key, value]) => [key.split('.'), value]));
  const out: Record<string, XmlValue> = {};
  for (const [name, entries] of byName) {
    const childPath = [...path, name];
    const lower = name.charAt(0).toLowerCase() + name.slice(1);
    const leaf = entries.find(([rest]) => rest.length === 0);
    if (leaf) out[lower] = leaf[1];
    else if (!entries.every(([rest]) => /^\d+$/.test(rest[0]!)))
      out[lower] = nestLaunchData(rejoin(entries), childPath);
    else
      out[renamedLists[childPath.join('.')] ?? `${lower}Set`] = [...groupByFirst(entries)]
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([, item]) => {
          const scalar = item.find(([rest]) => rest.length === 0);
          return scalar ? scalar[1] : nestLaunchData(rejoin(item), childPath);
        });
  }
  return out;
}

/** Entries grouped by the first segment of their name, each with the rest of it. */
function groupByFirst(entries: [string[], string][]): Map<string, [string[], string][]> {
  const groups = new Map<string, [string[], string][]>();
  for (const [[first = '', ...rest], value] of entries)
    groups.set(first, [...(groups.get(first) ?? []), [rest, value]]);
  return groups;
}

/** Entries' names joined back into flat keys, one level down. */
function rejoin(entries: [string[], string][]): Record<string, string> {
  return Object.fromEntries(entries.map(([rest, value]) => [rest.join('.'), value]));
}

const nameRule = /^[a-zA-Z0-9().\-/_]{3,128}$/;

function readName(params: QueryParams): string {
  const name = params.require('LaunchTemplateName');
  if (!nameRule.test(name))
    throw new AwsError(
      'InvalidLaunchTemplateName.MalformedException',
      'The specified launch template name is invalid. A launch template name must be between 3 and 128 ' +
        'characters, and may contain letters, numbers, and the following characters: ()./_-',
    );
  return name;
}

function nameNotFound(): AwsError {
  return new AwsError(
    'InvalidLaunchTemplateName.NotFoundException',
    'At least one of the launch templates specified in the request does not exist.',
  );
}

/** The template a request names by `{prefix}LaunchTemplateId` or `{prefix}LaunchTemplateName`. */
export function findLaunchTemplate(params: QueryParams, ctx: ServiceContext, prefix = ''): LaunchTemplate {
  const templates = launchTemplatesOf(regionOf(ctx));
  const id = params.get(`${prefix}LaunchTemplateId`);
  const name = params.get(`${prefix}LaunchTemplateName`);
  if (id !== undefined) return lookup(templates, 'lt', id);
  if (name === undefined)
    throw new AwsError(
      'MissingParameter',
      'The request must contain the parameter launchTemplateName or launchTemplateId',
    );
  const found = Object.values(templates).find((t) => t.launchTemplateName === name);
  if (!found) throw nameNotFound();
  return found;
}

/** The version a selector names: a number, `$Latest` or `$Default` (the default when none is given). */
export function templateVersion(template: LaunchTemplate, selector = '$Default'): Version {
  const number =
    selector === '$Latest'
      ? template.latestVersion
      : selector === '$Default'
        ? template.defaultVersion
        : Number(selector);
  const version = template.versions.find((v) => v.versionNumber === number);
  if (!version)
    throw new AwsError(
      'InvalidLaunchTemplateId.VersionNotFound',
      `Could not find the specified version ${selector} for the launch template with ID ${template.launchTemplateId}.`,
    );
  return version;
}

function renderTemplate(template: LaunchTemplate): XmlValue {
  return {
    launchTemplateId: template.launchTemplateId,
    launchTemplateName: template.launchTemplateName,
    createTime: template.createTime,
    createdBy: template.createdBy,
    defaultVersionNumber: template.defaultVersion,
    latestVersionNumber: template.latestVersion,
    tagSet: renderTags(template.tags),
  };
}

function renderVersion(template: LaunchTemplate, version: Version): XmlValue {
  return {
    launchTemplateId: template.launchTemplateId,
    launchTemplateName: template.launchTemplateName,
    versionNumber: version.versionNumber,
    versionDescription: version.description,
    createTime: version.createTime,
    createdBy: version.createdBy,
    defaultVersion: version.versionNumber === template.defaultVersion,
    launchTemplateData: nestLaunchData(version.data),
  };
}

function newVersion(params: QueryParams, ctx: ServiceContext, versionNumber: number, base: Version['data']): Version {
  return {
    versionNumber,
    description: params.get('VersionDescription'),
    createTime: awsTimestamp(ctx.now, { fraction: true }),
    createdBy: ctx.caller?.arn ?? `arn:aws:iam::${ctx.account.accountId}:root`,
    data: { ...base, ...params.under('LaunchTemplateData') },
  };
}

/** The template named, as IAM sees it. */
function templateResource(params: QueryParams, ctx: ServiceContext): ResourceTarget[] {
  const template = findLaunchTemplate(params, ctx);
  return [taggedResource(ctx, 'launch-template', template.launchTemplateId, template.tags)];
}

/** The launch templates named by id and by name (all when none are), each of which must exist. */
function namedTemplates(params: QueryParams, ctx: ServiceContext): LaunchTemplate[] {
  const templates = launchTemplatesOf(regionOf(ctx));
  const ids = params.list('LaunchTemplateId');
  const names = params.list('LaunchTemplateName');
  if (ids.length === 0 && names.length === 0) return Object.values(templates);
  const byId = ids.map((id) => lookup(templates, 'lt', id));
  const byName = names.map((name) => {
    const found = Object.values(templates).find((t) => t.launchTemplateName === name);
    if (!found) throw nameNotFound();
    return found;
  });
  return [...new Set([...byId, ...byName])];
}

/** The launch template operations. */
export const launchTemplateOperations: Record<string, QueryOperation> = {
  CreateLaunchTemplate: {
    resource: (params, ctx) => [newResource(ctx, 'launch-template', tagsFor(params, 'launch-template'))],
    run(params, ctx) {
      const templates = launchTemplatesOf(regionOf(ctx));
      const name = readName(params);
      if (Object.values(templates).some((t) => t.launchTemplateName === name))
        throw new AwsError('InvalidLaunchTemplateName.AlreadyExistsException', 'Launch template name already in use.');
      const first = newVersion(params, ctx, 1, {});
      const template: LaunchTemplate = {
        launchTemplateId: ec2Id('lt'),
        launchTemplateName: name,
        createTime: first.createTime,
        createdBy: first.createdBy,
        defaultVersion: 1,
        latestVersion: 1,
        versions: [first],
        tags: tagsFor(params, 'launch-template'),
      };
      templates[template.launchTemplateId] = template;
      return { launchTemplate: renderTemplate(template) };
    },
  },

  CreateLaunchTemplateVersion: {
    resource: templateResource,
    run(params, ctx) {
      const template = findLaunchTemplate(params, ctx);
      const source = params.get('SourceVersion');
      const base = source === undefined ? {} : templateVersion(template, source).data;
      const version = newVersion(params, ctx, template.latestVersion + 1, base);
      template.versions.push(version);
      template.latestVersion = version.versionNumber;
      return { launchTemplateVersion: renderVersion(template, version) };
    },
  },

  ModifyLaunchTemplate: {
    resource: templateResource,
    run(params, ctx) {
      const template = findLaunchTemplate(params, ctx);
      const selector = params.get('SetDefaultVersion');
      if (selector !== undefined) template.defaultVersion = templateVersion(template, selector).versionNumber;
      return { launchTemplate: renderTemplate(template) };
    },
  },

  DeleteLaunchTemplate: {
    resource: templateResource,
    run(params, ctx) {
      const template = findLaunchTemplate(params, ctx);
      delete launchTemplatesOf(regionOf(ctx))[template.launchTemplateId];
      return { launchTemplate: renderTemplate(template) };
    },
  },

  DescribeLaunchTemplates: {
    run: (params, ctx) =>
      describe(
        'launchTemplates',
        namedTemplates(params, ctx),
        params,
        {
          'launch-template-name': (t) => [t.launchTemplateName],
          'create-time': (t) => [t.createTime],
        },
        renderTemplate,
      ),
  },

  DescribeLaunchTemplateVersions: {
    run(params, ctx) {
      const template = findLaunchTemplate(params, ctx);
      const selectors = params.list('LaunchTemplateVersion');
      const min = params.get('MinVersion');
      const max = params.get('MaxVersion');
      const versions = (
        selectors.length > 0 ? selectors.map((s) => templateVersion(template, s)) : template.versions
      ).filter(
        (v) =>
          (min === undefined || v.versionNumber >= Number(min)) &&
          (max === undefined || v.versionNumber <= Number(max)),
      );
      return describe(
        'launchTemplateVersionSet',
        [...new Set(versions)].map((v) => ({ ...v, tags: [] })),
        params,
        { 'is-default-version': (v) => [v.versionNumber === template.defaultVersion] },
        (v) => renderVersion(template, v),
      );
    },
  },
};

/**
 * A RunInstances request with its launch template's parameters under its own (`LaunchTemplate.LaunchTemplateId` or
 * `.LaunchTemplateName`, and `.Version`, `$Default` unless given); the request unchanged when it names none. EC2 tags
 * each instance launched from a template with the template's id and the version used (`aws:ec2launchtemplate:id`,
 * `aws:ec2launchtemplate:version`).
 */
export function withLaunchTemplate(
  params: QueryParams,
  ctx: ServiceContext,
): { params: QueryParams; template?: ResourceTarget; instanceTags: Tag[] } {
  if (!params.has('LaunchTemplate')) return { params, instanceTags: [] };
  const template = findLaunchTemplate(params, ctx, 'LaunchTemplate.');
  const version = templateVersion(template, params.get('LaunchTemplate.Version'));
  return {
    params: params.withDefaults(version.data),
    template: { arn: ec2Arn(ctx, 'launch-template', template.launchTemplateId) },
    instanceTags: [
      { Key: 'aws:ec2launchtemplate:id', Value: template.launchTemplateId },
      { Key: 'aws:ec2launchtemplate:version', Value: String(version.versionNumber) },
    ],
  };
}
