// Plan templates as data: finds the templates/ folder (from source, from a
// bundled build's dist/templates, or JFP_TEMPLATES_DIR), reads and validates
// every *.template.json in it, and turns a template into the section tree a new
// plan starts with. A broken file is reported by name, never half-loaded.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TemplateSummary } from '../../shared/domain';
import { JfpError } from '../../shared/errors';
import { PLACE_TOKEN, PRIORITY_TOKEN, templateSchema, type ChecklistItem, type PlanTemplate, type TemplateSection } from '../../shared/template';
import type { OptionalSection, TemplateCatalogue, TemplateContext } from './template-catalogue';
import type { NewSection } from './store/sections';

export const TEMPLATE_FILE_SUFFIX = '.template.json';
const DEFAULT_PLACE_NAME = '[Place name]';
const MAX_TITLE = 200;

export interface LoadedTemplates extends TemplateCatalogue {
  /** The validated template, or not_found. */
  get(id: string): PlanTemplate;
  /** The template's statutory checklist catalogue, in file order. */
  checklist(templateId: string): ChecklistItem[];
  /** One checklist item by id, e.g. to show the label and legal reference beside a section. */
  checklistItem(templateId: string, itemId: string): ChecklistItem | undefined;
  checklist(templateId: string): ChecklistItem[];
  defaultPriorities(templateId: string): string[];
  optionalSections(templateId: string): OptionalSection[];
  optionalSectionTree(templateId: string, key: string): NewSection | undefined;
  /** Template files refused at load (the others load): one sentence each, naming the file and the problem. */
  problems(): string[];
}

/** #15 the template key suffix of the n-th (0-based) priority's section: stable when the priority is renamed. */
export const prioritySuffix = (index: number) => `@priority-${index + 1}`;

/** The folder this module was loaded from: __dirname in a CommonJS bundle, import.meta.url from source. */
function moduleDir(): string {
  if (typeof __dirname === 'string') return __dirname;
  return path.dirname(fileURLToPath(import.meta.url));
}

function holdsTemplates(dir: string): boolean {
  try {
    return fs.readdirSync(dir).some((name) => name.endsWith(TEMPLATE_FILE_SUFFIX));
  } catch {
    return false;
  }
}

/**
 * JFP_TEMPLATES_DIR if set; otherwise the nearest `templates/` holding template
 * files, walking up from this module to the folder with package.json (so
 * dist/templates next to a bundle wins over the source folder).
 */
export function findTemplatesDir(env: NodeJS.ProcessEnv = process.env, start: string = moduleDir()): string {
  if (env.JFP_TEMPLATES_DIR) return path.resolve(env.JFP_TEMPLATES_DIR);
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'templates');
    if (holdsTemplates(candidate)) return candidate;
    if (fs.existsSync(path.join(dir, 'package.json')) || path.dirname(dir) === dir) break;
  }
  throw new JfpError(
    'io_error',
    `The plan templates could not be found: there is no templates folder next to the app (searched up from ${start}). Reinstall the app, or set JFP_TEMPLATES_DIR to the folder that holds the *${TEMPLATE_FILE_SUFFIX} files.`,
  );
}

function describeProblem(error: unknown): string {
  if (error instanceof SyntaxError) return `it is not valid JSON (${error.message})`;
  const issues = (error as { issues?: Array<{ path: PropertyKey[]; message: string }> }).issues;
  const issue = issues?.[0];
  if (!issue) return (error as Error).message;
  const where = issue.path.map(String).join('.');
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return `${where ? `at ${where}: ` : ''}${issue.message}${more}`;
}

/** Reads and validates one template file; the error names the file and the first problem in it. */
export function readTemplateFile(file: string): PlanTemplate {
  try {
    return templateSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch (error) {
    throw new JfpError('io_error', `The template file ${file} is not valid: ${describeProblem(error)}.`);
  }
}

/** "Riverside Borough" -> "riverside-borough": part of a repeated section's template key. */
function placeSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'place';
}

function uniqueSlugs(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const base = placeSlug(name);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}-${count}`;
  });
}

/**
 * The section tree a new plan starts with. Sections marked `repeat: "place"` are
 * created once per place (or once, with the template's placeholder name, when
 * the plan names no places); their template keys get "@place-slug".
 */
export function sectionsFromTemplate(template: PlanTemplate, context: TemplateContext = {}): NewSection[] {
  const places = (context.places ?? []).map((p) => p.trim()).filter(Boolean);
  const names = places.length > 0 ? places : [template.placeFallback ?? DEFAULT_PLACE_NAME];
  const slugs = uniqueSlugs(names);
  // #15 the plan's priorities (or the template's defaults) each get their own chapter.
  const given = (context.priorities ?? []).map((p) => p.trim()).filter(Boolean);
  const priorities = given.length > 0 ? given : (template.defaultPriorities ?? []);

  type Fill = { token: string; value: string } | undefined;
  const build = (section: TemplateSection, fillWith: Fill, suffix: string): NewSection => {
    const fill = (text: string) => (fillWith === undefined ? text : text.split(fillWith.token).join(fillWith.value)).trim();
    return {
      title: fill(section.title).slice(0, MAX_TITLE).trim() || section.title,
      guidance: fill(section.guidance),
      expectedContent: section.expectedContent.map(fill),
      checklist: [...section.checklist],
      templateKey: section.key + suffix,
      children: expand(section.children ?? [], fillWith, suffix),
    };
  };
  const expand = (sections: TemplateSection[], fillWith: Fill, suffix: string): NewSection[] =>
    sections
      .filter((section) => !section.optional)
      .flatMap((section) => {
        if (section.repeat === 'place' && fillWith === undefined) return names.map((name, i) => build(section, { token: PLACE_TOKEN, value: name }, `@${slugs[i]}`));
        if (section.repeat === 'priority' && fillWith === undefined)
          return priorities.map((name, i) => build(section, { token: PRIORITY_TOKEN, value: name }, prioritySuffix(i)));
        return [build(section, fillWith, suffix)];
      });
  return expand(template.sections, undefined, '');
}

/** #15 a template's optional sections (top level or nested), in file order. */
function optionalSectionsOf(template: PlanTemplate): OptionalSection[] {
  const out: OptionalSection[] = [];
  const visit = (sections: TemplateSection[]) =>
    sections.forEach((section) => {
      if (section.optional) out.push({ key: section.key, title: section.title, guidance: section.guidance });
      visit(section.children ?? []);
    });
  visit(template.sections);
  return out;
}

/** #15 the section tree of one optional section, ready to add to a plan. */
export function optionalSectionTree(template: PlanTemplate, key: string): NewSection | undefined {
  let found: TemplateSection | undefined;
  const visit = (sections: TemplateSection[]) =>
    sections.forEach((section) => {
      if (section.key === key && section.optional) found = section;
      visit(section.children ?? []);
    });
  visit(template.sections);
  if (!found) return undefined;
  return sectionsFromTemplate({ ...template, sections: [{ ...found, optional: false }] })[0];
}

function countSections(sections: NewSection[]): number {
  return sections.reduce((n, s) => n + 1 + countSections(s.children ?? []), 0);
}

/** Reads every template in `dir`. Throws (naming the file) if any is invalid or two share an id. */
export function loadTemplates(dir: string = findTemplatesDir()): LoadedTemplates {
  let names: string[];
  try {
    names = fs
      .readdirSync(dir)
      .filter((name) => name.endsWith(TEMPLATE_FILE_SUFFIX))
      .sort();
  } catch (error) {
    throw new JfpError('io_error', `The plan templates folder ${dir} could not be read: ${(error as Error).message}`);
  }
  if (names.length === 0) throw new JfpError('io_error', `The plan templates folder ${dir} has no *${TEMPLATE_FILE_SUFFIX} files.`);

  const byId = new Map<string, { template: PlanTemplate; file: string }>();
  // #15 a broken template file is refused on its own (reported through problems()); the others still load.
  const problems: string[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    let template: PlanTemplate;
    try {
      template = readTemplateFile(file);
    } catch (error) {
      problems.push((error as Error).message);
      continue;
    }
    const clash = byId.get(template.id);
    if (clash) {
      problems.push(`The template files ${clash.file} and ${file} both use the id "${template.id}"; each template needs its own id, so ${name} was not loaded.`);
      continue;
    }
    byId.set(template.id, { template, file });
  }
  if (byId.size === 0) throw new JfpError('io_error', problems.join(' '));

  const get = (id: string): PlanTemplate => {
    const found = byId.get(id);
    if (!found) throw new JfpError('not_found', `There is no template called "${id}".`);
    return found.template;
  };
  // The blank plan goes last; the rest by name, so the usual choice comes first.
  const summaries: TemplateSummary[] = [...byId.values()]
    .map(({ template }) => ({
      id: template.id,
      name: template.name,
      description: template.description,
      sectionCount: countSections(sectionsFromTemplate(template)),
    }))
    .sort((a, b) => Number(a.id === 'blank') - Number(b.id === 'blank') || a.name.localeCompare(b.name, 'en-GB'));

  return {
    dir,
    list: () => summaries.map((s) => ({ ...s })),
    get,
    sectionsFor: (id, context) => sectionsFromTemplate(get(id), context),
    checklist: (templateId) => get(templateId).checklist.map((item) => ({ ...item })),
    checklistItem: (templateId, itemId) => {
      const item = get(templateId).checklist.find((c) => c.id === itemId);
      return item ? { ...item } : undefined;
    },
    defaultPriorities: (templateId) => [...(get(templateId).defaultPriorities ?? [])],
    optionalSections: (templateId) => optionalSectionsOf(get(templateId)),
    optionalSectionTree: (templateId, key) => optionalSectionTree(get(templateId), key),
    problems: () => [...problems],
  };
}

/**
 * A catalogue that reads the templates on first use, so a broken or missing
 * templates folder shows up as a clear error on the call that needs it rather
 * than stopping the app (or the command line) from opening at all.
 */
export function lazyTemplates(load: () => LoadedTemplates = () => loadTemplates()): LoadedTemplates {
  let loaded: LoadedTemplates | undefined;
  const use = (): LoadedTemplates => (loaded ??= load());
  return {
    get dir() {
      return use().dir;
    },
    list: () => use().list(),
    get: (id) => use().get(id),
    sectionsFor: (id, context) => use().sectionsFor(id, context),
    checklist: (templateId) => use().checklist(templateId),
    checklistItem: (templateId, itemId) => use().checklistItem(templateId, itemId),
    defaultPriorities: (templateId) => use().defaultPriorities(templateId),
    optionalSections: (templateId) => use().optionalSections(templateId),
    optionalSectionTree: (templateId, key) => use().optionalSectionTree(templateId, key),
    problems: () => use().problems(),
  };
}
